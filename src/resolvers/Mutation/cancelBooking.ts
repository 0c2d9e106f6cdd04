import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const cancelBooking: NonNullable<MutationResolvers['cancelBooking']> = (
  _parent,
  { input },
  { viewer, services },
) => services.bookings.cancelBooking(requireViewer(viewer), input);
