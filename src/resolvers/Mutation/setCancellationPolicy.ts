import { requireAdmin } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const setCancellationPolicy: NonNullable<MutationResolvers['setCancellationPolicy']> = (
  _parent,
  { input },
  { viewer, services },
) => {
  requireAdmin(viewer);
  return services.bookings.setCancellationPolicy(input);
};
