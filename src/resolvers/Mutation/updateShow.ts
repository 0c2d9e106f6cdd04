import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const updateShow: NonNullable<MutationResolvers['updateShow']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.updateShow(requireViewer(viewer), input);
