import { requireAdmin } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const createEvent: NonNullable<MutationResolvers['createEvent']> = (
  _parent,
  { input },
  { viewer, services },
) => {
  requireAdmin(viewer);
  return services.admin.createEvent(input);
};
