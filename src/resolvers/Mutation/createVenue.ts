import { requireAdmin } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const createVenue: NonNullable<MutationResolvers['createVenue']> = (
  _parent,
  { input },
  { viewer, services },
) => {
  requireAdmin(viewer);
  return services.admin.createVenue(input);
};
