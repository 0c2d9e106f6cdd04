import type { VenueResolvers } from './__generated__/types.js';
export const Venue: VenueResolvers = {
  /* Implement Venue resolver logic here */
  city: async (_parent, _arg, _ctx) => {
    /* Venue.city resolver is required because Venue.city exists but VenueMapper.city does not */
  },
  screens: async (_parent, _arg, _ctx) => {
    /* Venue.screens resolver is required because Venue.screens exists but VenueMapper.screens does not */
  },
};
