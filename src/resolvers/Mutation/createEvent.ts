import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const createEvent: NonNullable<MutationResolvers['createEvent']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.createEvent(requireViewer(viewer), input);
