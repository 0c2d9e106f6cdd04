import type { Tx } from '../../db/client.js';
import {
  countSeatsOfHold,
  insertBookingSeatsOfHold,
  lockBuyerTickets,
  setBookingSeatsLive,
  takeSeatsForBooking,
} from '../../db/queries/booking-seats.js';
import {
  insertBooking,
  lockBookingOfHold,
  markHoldConverted,
  setBookingCancelled,
  setBookingConfirmed,
} from '../../db/queries/bookings.js';
import { recordSeatChange } from '../../db/queries/seat-changes.js';
import type { BookingRow, HoldRow, PaymentRow } from '../../db/schema/index.js';
import { oweRefund } from './owe-refund.js';
import { withFreshReference } from './reference-code.js';

export interface LockedContext {
  hold: HoldRow;
  show: { status: 'SCHEDULED' | 'CANCELLED'; startsAt: Date };
  now: Date;
}

/** A hold can still become a booking the ordinary way: active and not expired. */
export const holdUsable = (hold: HoldRow, now: Date) => hold.status === 'ACTIVE' && hold.expiresAt > now;

class SeatsGone extends Error {}

/**
 * A payment for this hold succeeded: book the hold's seats (HELD -> BOOKED, hold CONVERTED,
 * booking CONFIRMED, one seat-change row), or, when that is no longer possible, owe a full
 * refund. Possible means: the show still sells, and every seat is still held by this hold or
 * free (a payment that lands after its hold expired re-books the same seats). A hold already
 * paid by another attempt gets this payment refunded: one booking per hold, never two charges.
 */
export async function bookOrRefund(tx: Tx, ctx: LockedContext, payment: PaymentRow): Promise<void> {
  const { hold, show, now } = ctx;
  const booking = await lockBookingOfHold(tx, hold.id);
  const refund = async (
    reason: 'HOLD_EXPIRED' | 'SHOW_CANCELLED' | 'DUPLICATE_PAYMENT' | 'PURCHASE_LIMIT',
  ) => {
    await oweRefund(tx, { payment, bookingId: null, amount: payment.amount, reason, now });
    if (booking?.status === 'PENDING_PAYMENT') await setBookingCancelled(tx, booking.id, now);
  };
  if (booking && (booking.status === 'CONFIRMED' || booking.paymentId !== null))
    return refund('DUPLICATE_PAYMENT');
  if (show.status === 'CANCELLED') return refund('SHOW_CANCELLED');
  // Its waiting booking was given up (payment failed, hold over): the seats are not kept for it.
  if (booking && booking.status === 'CANCELLED') return refund('HOLD_EXPIRED');
  if (!holdUsable(hold, now) && show.startsAt <= now) return refund('HOLD_EXPIRED');
  // Re-booking a hold that ended adds seats the buyer's later holds did not count.
  if (!holdUsable(hold, now) && (await rebookingExceedsCap(tx, hold, now))) return refund('PURCHASE_LIMIT');

  // In a savepoint: if a seat is gone, the booking and seat changes roll back, the payment stays.
  const booked = await tx
    .transaction(async (sp) => {
      const row = booking
        ? await setBookingConfirmed(sp, booking.id, payment.id, now)
        : await newBooking(sp, hold, now, { status: 'CONFIRMED', paymentId: payment.id, confirmedAt: now });
      const { wanted, taken } = await takeSeatsForBooking(sp, {
        showId: hold.showId,
        holdId: hold.id,
        bookingId: row.id,
        now,
      });
      if (wanted === 0 || taken.length !== wanted) throw new SeatsGone();
      if (booking) await setBookingSeatsLive(sp, row.id, true);
      else await insertBookingSeatsOfHold(sp, row.id, hold.id, true);
      await markHoldConverted(sp, hold.id, now);
      await recordSeatChange(sp, {
        showId: hold.showId,
        cause: 'BOOK',
        seats: taken.map((id) => ({ id, status: 'BOOKED' as const })),
      });
      return row;
    })
    .catch((err: unknown) => {
      if (err instanceof SeatsGone) return undefined;
      throw err;
    });
  if (!booked) await refund('HOLD_EXPIRED');
}

/** Whether booking this ended hold's seats would take its buyer past the event's purchase cap. */
async function rebookingExceedsCap(tx: Tx, hold: HoldRow, now: Date): Promise<boolean> {
  const buyer = await lockBuyerTickets(tx, {
    userId: hold.userId,
    showId: hold.showId,
    exceptHoldId: hold.id,
    now,
  });
  if (!buyer || buyer.role === 'ADMIN') return false;
  return buyer.owned + (await countSeatsOfHold(tx, hold.id)) > buyer.limit;
}

/**
 * The buyer must authenticate (3-D Secure): the hold gets a PENDING_PAYMENT booking (its seats
 * listed but not live: they stay HELD by the hold) for the frontend to show while it finishes.
 */
export async function ensurePendingBooking(tx: Tx, hold: HoldRow, now: Date): Promise<BookingRow> {
  const existing = await lockBookingOfHold(tx, hold.id);
  if (existing) return existing;
  const row = await newBooking(tx, hold, now, { status: 'PENDING_PAYMENT' });
  await insertBookingSeatsOfHold(tx, row.id, hold.id, false);
  return row;
}

/** Nobody can pay for this hold any more: its waiting booking is cancelled (no seats change). */
export async function cancelPendingBooking(tx: Tx, holdId: string, now: Date): Promise<void> {
  const booking = await lockBookingOfHold(tx, holdId);
  if (booking?.status === 'PENDING_PAYMENT') await setBookingCancelled(tx, booking.id, now);
}

function newBooking(
  tx: Tx,
  hold: HoldRow,
  now: Date,
  state: Pick<BookingRow, 'status'> & Partial<Pick<BookingRow, 'paymentId' | 'confirmedAt'>>,
): Promise<BookingRow> {
  return withFreshReference('BX', (reference) =>
    insertBooking(tx, {
      reference,
      userId: hold.userId,
      showId: hold.showId,
      holdId: hold.id,
      totalAmount: hold.totalAmount,
      currency: hold.currency,
      createdAt: now,
      ...state,
    }),
  );
}
