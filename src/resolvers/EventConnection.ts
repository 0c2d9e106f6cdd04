import type { EventConnectionResolvers } from './__generated__/types.js';
export const EventConnection: EventConnectionResolvers = {
  /* Implement EventConnection resolver logic here */
};
