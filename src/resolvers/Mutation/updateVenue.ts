import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const updateVenue: NonNullable<MutationResolvers['updateVenue']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.updateVenue(requireViewer(viewer), input);
