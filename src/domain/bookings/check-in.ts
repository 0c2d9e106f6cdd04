import type { Db } from '../../db/client.js';
import { findBookingsByIds, markCheckedIn } from '../../db/queries/bookings.js';
import { findShowsAtVenue } from '../../db/queries/shows.js';
import type { BookingRow } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import { assertCan, assertMayAct } from '../access/authorize.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { runStaffCommand } from '../staff-command.js';
import { bookingCodec } from './booking-codec.js';
import { parseOptionalId } from '../validation.js';
import type { TicketCodec } from './tickets.js';

/** Tickets are admitted from this long before their show starts (DOORS_OPEN_SECONDS). */
export const DEFAULT_DOORS_OPEN_SECONDS = 2 * 3600;

/**
 * checkIn (at the door: admins, and the venue's managers and door staff): a genuine ticket of a
 * confirmed booking is marked used, once, from `doorsOpenSeconds` before its show starts until the
 * show ends: a scanner that does not pass `showId` still cannot admit a ticket of a show that is
 * days away or over. A forged code, another show's ticket (with `showId`), a booking not
 * confirmed, a second scan or a scan outside the door window is BAD_USER_INPUT with
 * `extensions.reason` for the scanner to show. Audited; a retry with the same idempotency key
 * replays the admission instead of answering TICKET_ALREADY_USED.
 */
export async function checkIn(
  deps: { db: Db; clock: Clock; tickets: TicketCodec; doorsOpenSeconds: number },
  actor: Viewer,
  input: { code: string; showId?: string | null; idempotencyKey?: string | null },
): Promise<BookingRow> {
  await assertMayAct(deps.db, actor, 'ticket.checkIn');
  const showId = parseOptionalId(input.showId, 'showId');
  const code = input.code.trim();
  const call = {
    operation: 'checkIn',
    input: { code, showId },
    keyField: 'idempotencyKey',
    idempotencyKey: input.idempotencyKey,
  };
  return runStaffCommand(deps, actor, call, bookingCodec, async (tx, now) => {
    const bookingId = deps.tickets.verify(code);
    const [booking] = bookingId ? await findBookingsByIds(tx, [bookingId]) : [];
    if (!booking) throw refused('TICKET_INVALID', 'This is not a valid ticket');
    if (showId && booking.showId !== showId) {
      throw refused('WRONG_SHOW', `This ticket is for another show (${booking.reference})`, {
        showId: booking.showId,
      });
    }
    const [show] = await findShowsAtVenue(tx, [booking.showId]);
    await assertCan(tx, actor, 'ticket.checkIn', { venueId: show!.venueId });
    assertAdmissible(booking);
    const doorsOpenAt = new Date(show!.startsAt.getTime() - deps.doorsOpenSeconds * 1000);
    if (now < doorsOpenAt) {
      throw refused('DOORS_NOT_OPEN', `Doors open at ${doorsOpenAt.toISOString()} (${booking.reference})`, {
        doorsOpenAt: doorsOpenAt.toISOString(),
      });
    }
    if (now >= show!.endsAt) throw refused('SHOW_OVER', `This show is over (${booking.reference})`);

    // Only a confirmed, unused ticket is marked: of concurrent scans one gets in, and a
    // cancellation committed since the read above wins.
    const checkedIn = await markCheckedIn(tx, booking.id, now);
    if (!checkedIn) {
      const [latest] = await findBookingsByIds(tx, [booking.id]);
      assertAdmissible(latest!);
      throw refused('TICKET_ALREADY_USED', `This ticket was already used (${booking.reference})`);
    }
    await recordAudit(tx, {
      action: 'ticket.checkedIn',
      actor,
      at: now,
      targetId: booking.id,
      venueId: show!.venueId,
      showId: booking.showId,
      details: { reference: booking.reference },
    });
    return checkedIn;
  });
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
