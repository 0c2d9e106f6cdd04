import type { VenueConnectionResolvers } from './__generated__/types.js';
export const VenueConnection: VenueConnectionResolvers = {
  /* Implement VenueConnection resolver logic here */
};
