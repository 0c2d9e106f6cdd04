import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const archiveEvent: NonNullable<MutationResolvers['archiveEvent']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.archiveEvent(requireViewer(viewer), input);
