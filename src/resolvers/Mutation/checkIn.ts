import { requireAdmin } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const checkIn: NonNullable<MutationResolvers['checkIn']> = (
  _parent,
  { code, showId },
  { viewer, services },
) => {
  requireAdmin(viewer);
  return services.bookings.checkIn(code, showId);
};
