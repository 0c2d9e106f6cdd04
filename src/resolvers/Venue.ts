import type { VenueResolvers } from './__generated__/types.js';
export const Venue: VenueResolvers = {
  city: (venue, _args, { loaders }) => loaders.cityById.load(venue.cityId),
  screens: (venue, _args, { loaders }) => loaders.screensByVenueId.load(venue.id),
};
