import type { DbOrTx } from '../../db/client.js';
import { insertRefund } from '../../db/queries/refunds.js';
import type { PaymentRow, RefundRow } from '../../db/schema/index.js';
import { newReference } from './reference-code.js';

export type RefundReason =
  | 'HOLD_EXPIRED'
  | 'BOOKING_CANCELLED'
  | 'SHOW_CANCELLED'
  | 'DUPLICATE_PAYMENT'
  /** A payment landed after its hold ended and booking its seats would exceed the event's cap. */
  | 'PURCHASE_LIMIT';

/**
 * Records, in the caller's transaction, that `amount` of a payment goes back to the buyer. The
 * row is the outbox: Stripe is called after commit (by the request, else by the worker). A
 * payment is refunded at most once, so a second call returns the first refund.
 */
export async function oweRefund(
  tx: DbOrTx,
  a: { payment: PaymentRow; bookingId: string | null; amount: number; reason: RefundReason; now: Date },
): Promise<RefundRow> {
  for (let i = 0; i < 8; i++) {
    const { inserted, existing } = await insertRefund(tx, {
      reference: newReference('RF'),
      paymentId: a.payment.id,
      bookingId: a.bookingId,
      amount: a.amount,
      currency: a.payment.currency,
      reason: a.reason,
      now: a.now,
    });
    const row = inserted ?? existing;
    if (row) return row;
  }
  throw new Error('no free RF reference after 8 draws');
}
