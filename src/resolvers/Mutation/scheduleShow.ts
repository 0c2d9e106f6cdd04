import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const scheduleShow: NonNullable<MutationResolvers['scheduleShow']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.scheduleShow(requireViewer(viewer), input);
