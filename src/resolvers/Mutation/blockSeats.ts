import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const blockSeats: NonNullable<MutationResolvers['blockSeats']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.blockSeats(requireViewer(viewer), input);
