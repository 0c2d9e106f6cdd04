import { requireViewer } from '../../graphql/guards.js';
import type { QueryResolvers } from './../__generated__/types.js';

export const booking: NonNullable<QueryResolvers['booking']> = (_parent, { id }, { viewer, services }) =>
  services.bookings.getBooking(requireViewer(viewer), id);
