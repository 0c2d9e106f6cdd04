import type { Tx } from '../../db/client.js';
import {
  findShowAndBuyerOfHold,
  lockBuyer,
  lockHoldForBooking,
  lockShowForBooking,
} from '../../db/queries/bookings.js';
import { findPaymentsByIds, lockPayment, updatePayment } from '../../db/queries/payments.js';
import type { PaymentRow } from '../../db/schema/index.js';
import type { IntentFacts } from '../payments/payment-gateway.js';
import { bookOrRefund, cancelPendingBooking, ensurePendingBooking, holdUsable } from './book-hold.js';

/**
 * Applies what Stripe says about one payment attempt, in the caller's transaction. It is the one
 * place payment state changes, whoever learnt the facts (the confirm request, a webhook, the
 * reconciliation job), and it is safe to apply the same facts twice or in any order:
 * - SUCCEEDED is final (money moved): a late "failed" or "requires_action" is ignored;
 * - a success is honoured from any state, since Stripe is the truth about money;
 * - REQUIRES_ACTION only follows PENDING.
 * Locks: show (share), for a success the buyer (as placing a hold does: a new hold of the same
 * buyer is then counted after this booking, or this booking after that hold, never both blind
 * to each other against the purchase cap), hold, payment, then bookings and seats, the order
 * every booking transaction uses. Returns the payment as it is now, or undefined if it does not exist.
 */
export async function applyIntentFacts(
  tx: Tx,
  paymentId: string,
  facts: IntentFacts,
  now: Date,
): Promise<PaymentRow | undefined> {
  const [found] = await findPaymentsByIds(tx, [paymentId]);
  if (!found) return undefined;
  const of = await findShowAndBuyerOfHold(tx, found.holdId);
  const show = of ? await lockShowForBooking(tx, of.showId) : undefined;
  if (of && facts.status === 'succeeded') await lockBuyer(tx, of.userId);
  const hold = await lockHoldForBooking(tx, found.holdId);
  const payment = await lockPayment(tx, paymentId);
  if (!show || !hold || !payment) throw new Error(`payment ${paymentId} lost its hold or show`);

  switch (facts.status) {
    case 'succeeded': {
      if (payment.status === 'SUCCEEDED') return payment;
      const paid = await updatePayment(tx, payment.id, {
        status: 'SUCCEEDED',
        stripePaymentIntentId: facts.paymentIntentId,
        clientSecret: null,
        failureCode: null,
        declineCode: null,
        failureMessage: null,
        updatedAt: now,
      });
      await bookOrRefund(tx, { hold, show, now }, paid);
      return paid;
    }
    case 'requires_action': {
      if (payment.status !== 'PENDING') return payment;
      const waiting = await updatePayment(tx, payment.id, {
        status: 'REQUIRES_ACTION',
        stripePaymentIntentId: facts.paymentIntentId,
        clientSecret: facts.clientSecret,
        updatedAt: now,
        nextCheckAt: now,
      });
      await ensurePendingBooking(tx, hold, now);
      return waiting;
    }
    case 'failed':
    case 'canceled': {
      if (payment.status !== 'PENDING' && payment.status !== 'REQUIRES_ACTION') return payment;
      const ended = await updatePayment(tx, payment.id, {
        status: facts.status === 'failed' ? 'FAILED' : 'CANCELED',
        stripePaymentIntentId: facts.paymentIntentId ?? payment.stripePaymentIntentId,
        clientSecret: null,
        failureCode: facts.status === 'failed' ? facts.code : 'canceled',
        declineCode: facts.status === 'failed' ? facts.declineCode : null,
        failureMessage: facts.status === 'failed' ? facts.message : `Cancelled (${facts.reason})`,
        updatedAt: now,
      });
      // While the hold lasts the buyer may retry with another card; after that, nobody can.
      if (!holdUsable(hold, now)) await cancelPendingBooking(tx, hold.id, now);
      return ended;
    }
  }
}
