import type { BookingRow } from '../../db/schema/index.js';
import { ForbiddenError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';

/** Bookings are private: their owner or an admin only. */
export function assertCanSeeBooking(viewer: Viewer, booking: BookingRow): void {
  if (booking.userId !== viewer.id && viewer.role !== 'ADMIN') {
    throw new ForbiddenError('This booking belongs to someone else');
  }
}
