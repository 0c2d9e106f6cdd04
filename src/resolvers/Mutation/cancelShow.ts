import { requireAdmin } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const cancelShow: NonNullable<MutationResolvers['cancelShow']> = (
  _parent,
  { showId },
  { viewer, services },
) => {
  requireAdmin(viewer);
  return services.admin.cancelShow(showId);
};
