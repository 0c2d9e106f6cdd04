import type { Db } from '../../db/client.js';
import { findBookingsByIds, markCheckedIn } from '../../db/queries/bookings.js';
import type { BookingRow } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import type { Clock } from '../clock.js';
import { parseOptionalId } from '../validation.js';
import type { TicketCodec } from './tickets.js';

/**
 * checkIn (admin, at the door): a genuine ticket of a confirmed booking is marked used, once.
 * A forged code, a cancelled booking, a second scan or (with `showId`) another show's ticket is
 * BAD_USER_INPUT with `extensions.reason` for the scanner to show.
 */
export async function checkIn(
  deps: { db: Db; clock: Clock; tickets: TicketCodec },
  codeRaw: string,
  showIdRaw?: string | null,
): Promise<BookingRow> {
  const showId = parseOptionalId(showIdRaw, 'showId');
  const bookingId = deps.tickets.verify(codeRaw.trim());
  const invalid = (reason: string, message: string, extra: Record<string, unknown> = {}) =>
    new ValidationError(message, 'code', { reason, ...extra });
  if (!bookingId) throw invalid('TICKET_INVALID', 'This is not a valid ticket');

  const now = deps.clock.now();
  const checkedIn = await markCheckedIn(deps.db, bookingId, showId, now);
  if (checkedIn) return checkedIn;
  const [booking] = await findBookingsByIds(deps.db, [bookingId]);
  if (!booking) throw invalid('TICKET_INVALID', 'This is not a valid ticket');
  if (showId && booking.showId !== showId) {
    throw invalid('WRONG_SHOW', `This ticket is for another show (${booking.reference})`, {
      showId: booking.showId,
    });
  }
  if (booking.status !== 'CONFIRMED') {
    throw invalid('BOOKING_NOT_CONFIRMED', `Booking ${booking.reference} is ${booking.status.toLowerCase()}`);
  }
  throw invalid('TICKET_ALREADY_USED', `This ticket was already used (${booking.reference})`, {
    checkedInAt: booking.checkedInAt?.toISOString() ?? null,
  });
}
