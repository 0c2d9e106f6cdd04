import type { EventResolvers } from './__generated__/types.js';
export const Event: EventResolvers = {/* Implement Event resolver logic here */};
