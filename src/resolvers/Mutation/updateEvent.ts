import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const updateEvent: NonNullable<MutationResolvers['updateEvent']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.updateEvent(requireViewer(viewer), input);
