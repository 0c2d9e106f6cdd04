import type { VenueRoleResolvers } from './__generated__/types.js';

export const VenueRole: VenueRoleResolvers = {
  venue: (role, _args, { loaders }) => loaders.venueById.load(role.venueId),
};
