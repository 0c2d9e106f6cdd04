import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const unblockSeats: NonNullable<MutationResolvers['unblockSeats']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.unblockSeats(requireViewer(viewer), input);
