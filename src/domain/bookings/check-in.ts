import type { Db } from '../../db/client.js';
import { findBookingsByIds, markCheckedIn } from '../../db/queries/bookings.js';
import { findShowsByIds } from '../../db/queries/shows.js';
import type { BookingRow } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import type { Clock } from '../clock.js';
import { parseOptionalId } from '../validation.js';
import type { TicketCodec } from './tickets.js';

/** Tickets are admitted from this long before their show starts (DOORS_OPEN_SECONDS). */
export const DEFAULT_DOORS_OPEN_SECONDS = 2 * 3600;

/**
 * checkIn (admin, at the door): a genuine ticket of a confirmed booking is marked used, once,
 * from `doorsOpenSeconds` before its show starts until the show ends: a scanner that does not
 * pass `showId` still cannot admit a ticket of a show that is days away or over. A forged code,
 * another show's ticket (with `showId`), a booking not confirmed, a second scan or a scan outside
 * the door window is BAD_USER_INPUT with `extensions.reason` for the scanner to show.
 */
export async function checkIn(
  deps: { db: Db; clock: Clock; tickets: TicketCodec; doorsOpenSeconds: number },
  codeRaw: string,
  showIdRaw?: string | null,
): Promise<BookingRow> {
  const showId = parseOptionalId(showIdRaw, 'showId');
  const bookingId = deps.tickets.verify(codeRaw.trim());
  if (!bookingId) throw refused('TICKET_INVALID', 'This is not a valid ticket');
  const [booking] = await findBookingsByIds(deps.db, [bookingId]);
  if (!booking) throw refused('TICKET_INVALID', 'This is not a valid ticket');
  if (showId && booking.showId !== showId) {
    throw refused('WRONG_SHOW', `This ticket is for another show (${booking.reference})`, {
      showId: booking.showId,
    });
  }
  assertAdmissible(booking);
  const [show] = await findShowsByIds(deps.db, [booking.showId]);
  const now = deps.clock.now();
  const doorsOpenAt = new Date(show!.startsAt.getTime() - deps.doorsOpenSeconds * 1000);
  if (now < doorsOpenAt) {
    throw refused('DOORS_NOT_OPEN', `Doors open at ${doorsOpenAt.toISOString()} (${booking.reference})`, {
      doorsOpenAt: doorsOpenAt.toISOString(),
    });
  }
  if (now >= show!.endsAt) throw refused('SHOW_OVER', `This show is over (${booking.reference})`);

  // Only a confirmed, unused ticket is marked: of concurrent scans one gets in, and a
  // cancellation committed since the read above wins.
  const checkedIn = await markCheckedIn(deps.db, booking.id, now);
  if (checkedIn) return checkedIn;
  const [latest] = await findBookingsByIds(deps.db, [booking.id]);
  assertAdmissible(latest!);
  throw refused('TICKET_ALREADY_USED', `This ticket was already used (${booking.reference})`);
}

/** Confirmed and not used yet; else the reason the scanner shows. */
function assertAdmissible(booking: BookingRow): void {
  if (booking.status !== 'CONFIRMED') {
    throw refused('BOOKING_NOT_CONFIRMED', `Booking ${booking.reference} is ${booking.status.toLowerCase()}`);
  }
  if (booking.checkedInAt) {
    throw refused('TICKET_ALREADY_USED', `This ticket was already used (${booking.reference})`, {
      checkedInAt: booking.checkedInAt.toISOString(),
    });
  }
}

const refused = (reason: string, message: string, extra: Record<string, unknown> = {}) =>
  new ValidationError(message, 'code', { reason, ...extra });
