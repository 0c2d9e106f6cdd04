import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const createVenue: NonNullable<MutationResolvers['createVenue']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.createVenue(requireViewer(viewer), input);
