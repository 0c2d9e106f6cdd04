import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const confirmBooking: NonNullable<MutationResolvers['confirmBooking']> = (
  _parent,
  { input },
  { viewer, services },
) => services.bookings.confirmBooking(requireViewer(viewer), input);
