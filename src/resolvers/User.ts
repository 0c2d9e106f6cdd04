import { requireViewer } from '../graphql/guards.js';
import type { UserResolvers } from './__generated__/types.js';

export const User: UserResolvers = {
  bookings: (user, args, { viewer, services }) =>
    services.bookings.listBookings(requireViewer(viewer), user.id, args),
  venueRoles: (user, _args, { viewer, services, loaders }) => {
    services.staff.assertCanSeeRolesOf(requireViewer(viewer), user.id);
    return loaders.venueRolesByUserId.load(user.id);
  },
  emailVerified: (user) => user.emailVerifiedAt !== null,
};
