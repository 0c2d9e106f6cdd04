import type { ShowResolvers } from './__generated__/types.js';
// Every relation goes through a per-request loader, so a page of shows costs a constant number
// of statements whatever its size.
export const Show: ShowResolvers = {
  event: (show, _args, { loaders }) => loaders.eventById.load(show.eventId),
  venue: (show, _args, { loaders }) => loaders.venueByScreenId.load(show.screenId),
  screen: (show, _args, { loaders }) => loaders.screenById.load(show.screenId),
  status: (show, _args, { services }) => services.catalog.showStatus(show),
  seatMap: (show, _args, { loaders }) => loaders.seatMapByShowId.load(show.id),
  availability: (show, _args, { loaders }) => loaders.availabilityByShowId.load(show.id),
  cancellationPolicy: async (show, _args, { loaders }) => ({
    tiers: await loaders.cancellationTiers(show.id),
  }),
  onSale: (show, _args, { services }) => services.catalog.onSale(show),
};
