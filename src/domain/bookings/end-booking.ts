import type { Tx } from '../../db/client.js';
import { releaseSeatsOfBookings } from '../../db/queries/booking-seats.js';
import { lockOpenBookingsOfShow, setBookingCancelled } from '../../db/queries/bookings.js';
import { findPaymentsByIds } from '../../db/queries/payments.js';
import type { BookingRow } from '../../db/schema/index.js';
import { oweRefund, type RefundReason } from './owe-refund.js';

/**
 * Cancels a locked, confirmed booking in the caller's transaction: its seats go back to
 * AVAILABLE, its booking_seats stop being live, and `refundAmount` of its payment is owed
 * (outbox). Returns the freed seats; the caller logs the seat change (one row per transaction).
 */
export async function endConfirmedBooking(
  tx: Tx,
  booking: BookingRow,
  a: { refundAmount: number; reason: RefundReason; now: Date },
): Promise<{ booking: BookingRow; freed: string[] }> {
  const cancelled = await setBookingCancelled(tx, booking.id, a.now);
  const freed = await releaseSeatsOfBookings(tx, [booking.id]);
  const [payment] = booking.paymentId ? await findPaymentsByIds(tx, [booking.paymentId]) : [];
  if (payment && a.refundAmount > 0) {
    await oweRefund(tx, {
      payment,
      bookingId: booking.id,
      amount: a.refundAmount,
      reason: a.reason,
      now: a.now,
    });
  }
  return { booking: cancelled, freed: freed.map((s) => s.id) };
}

/**
 * cancelShow's part for bookings, in its transaction (the show row is locked): every confirmed
 * booking is cancelled with a full refund, every booking still waiting for payment is cancelled
 * (its payment, if it ever succeeds, is then refunded). Returns the freed seats.
 */
export async function endBookingsOfShow(tx: Tx, showId: string, now: Date): Promise<string[]> {
  const freed: string[] = [];
  for (const booking of await lockOpenBookingsOfShow(tx, showId)) {
    if (booking.status === 'PENDING_PAYMENT') {
      await setBookingCancelled(tx, booking.id, now);
      continue;
    }
    const ended = await endConfirmedBooking(tx, booking, {
      refundAmount: booking.totalAmount,
      reason: 'SHOW_CANCELLED',
      now,
    });
    freed.push(...ended.freed);
  }
  return freed;
}
