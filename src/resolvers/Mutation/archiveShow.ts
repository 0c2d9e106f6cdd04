import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const archiveShow: NonNullable<MutationResolvers['archiveShow']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.archiveShow(requireViewer(viewer), input);
