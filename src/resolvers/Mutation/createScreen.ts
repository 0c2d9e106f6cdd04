import { requireAdmin } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const createScreen: NonNullable<MutationResolvers['createScreen']> = (
  _parent,
  { input },
  { viewer, services },
) => {
  requireAdmin(viewer);
  return services.admin.createScreen(input);
};
