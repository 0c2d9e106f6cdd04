import { requireAdmin } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const createCity: NonNullable<MutationResolvers['createCity']> = (
  _parent,
  { input },
  { viewer, services },
) => {
  requireAdmin(viewer);
  return services.admin.createCity(input);
};
