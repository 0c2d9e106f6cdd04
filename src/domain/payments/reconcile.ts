import type { Db } from '../../db/client.js';
import { cancelAbandonedPendingBookings } from '../../db/queries/bookings.js';
import { claimPaymentsToReconcile } from '../../db/queries/payments.js';
import type { PaymentRow } from '../../db/schema/index.js';
import { applyIntentFacts } from '../bookings/apply-intent.js';
import type { Clock } from '../clock.js';
import { inTransaction } from '../tx.js';
import type { IntentLookup, PaymentGateway } from './payment-gateway.js';

export interface ReconcileDeps {
  db: Db;
  clock: Clock;
  gateway: PaymentGateway;
  /** A PENDING attempt older than this is no longer waiting for its own request. */
  unknownAfterMs: number;
}

const LEASE_MS = 30_000;

/**
 * Finishes what requests could not: PENDING attempts whose answer from Stripe was lost (crash,
 * timeout, 5xx) are looked up at Stripe and settled (booked, refunded or failed), and attempts
 * waiting for 3-D Secure whose hold is over are cancelled at Stripe. It never starts a charge.
 * Booking rows left waiting with no attempt open are cancelled. Returns how many it looked at.
 */
export async function reconcilePayments(deps: ReconcileDeps, limit: number): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db.transaction((tx) =>
    claimPaymentsToReconcile(tx, {
      now,
      pendingBefore: new Date(now.getTime() - deps.unknownAfterMs),
      leaseUntil: new Date(now.getTime() + LEASE_MS),
      limit,
    }),
  );
  for (const payment of due) {
    const facts = await factsFor(deps, payment);
    if (facts.status === 'unknown' || facts.status === 'in_flight') continue;
    await inTransaction(deps.db, (tx) => applyIntentFacts(tx, payment.id, facts, deps.clock.now()));
  }
  const abandoned = await inTransaction(deps.db, (tx) =>
    cancelAbandonedPendingBookings(tx, deps.clock.now(), limit),
  );
  return due.length + abandoned;
}

async function factsFor(deps: ReconcileDeps, payment: PaymentRow): Promise<IntentLookup> {
  if (payment.status === 'PENDING') {
    const found = await deps.gateway.findByPaymentId(payment.id);
    // Older than any request in flight, and Stripe has no PaymentIntent for it: none was made.
    return (
      found ?? {
        status: 'failed',
        paymentIntentId: null,
        code: 'provider_error',
        declineCode: null,
        message: 'The payment provider did not process the payment',
      }
    );
  }
  if (!payment.stripePaymentIntentId) return { status: 'unknown', message: 'no PaymentIntent id' };
  const current = await deps.gateway.retrieve(payment.stripePaymentIntentId);
  if (current.status !== 'requires_action' && current.status !== 'in_flight') return current;
  // The hold is over: nobody can pay for it any more, so the unfinished PaymentIntent is cancelled
  // (if Stripe refuses because it just finished, cancel() answers with how it finished).
  return deps.gateway.cancel(payment.stripePaymentIntentId, `cancel:${payment.id}`);
}
