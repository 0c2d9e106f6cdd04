import type { Db } from '../../db/client.js';
import { findHoldsByIds } from '../../db/queries/holds.js';
import { findPaymentsByIds } from '../../db/queries/payments.js';
import { findRefundOfPayment } from '../../db/queries/refunds.js';
import type { BookingRow, PaymentRow } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { ChargeOutcome, IntentLookup, PaymentGateway } from '../payments/payment-gateway.js';
import { sendRefunds } from '../payments/send-refunds.js';
import { METADATA_PAYMENT_ID } from '../payments/stripe-gateway.js';
import { inTransaction } from '../tx.js';
import { parseId, parseIdempotencyKey } from '../validation.js';
import { answerFor } from './answer.js';
import { applyIntentFacts } from './apply-intent.js';
import { beginAttempt, paymentInProgress, SupersedeRequired } from './begin-attempt.js';
import { holdUsable } from './book-hold.js';

export interface ConfirmBookingInput {
  holdId: string;
  paymentMethodId: string;
  idempotencyKey: string;
}

export interface ConfirmDeps {
  db: Db;
  clock: Clock;
  gateway: PaymentGateway;
}

const PAYMENT_METHOD = /^pm_[A-Za-z0-9_]{1,200}$/;

/**
 * confirmBooking: pay for a hold and turn it into a booking. Three steps, and no transaction is
 * open while Stripe works: (1) record the attempt (beginAttempt), (2) create and confirm the
 * PaymentIntent with a key derived from that attempt, (3) apply Stripe's answer
 * (applyIntentFacts). A crash or timeout between (2) and (3) leaves the attempt PENDING: the
 * same request again (same idempotency key) re-sends (2) with the same Stripe key, which can
 * only return the first PaymentIntent; otherwise the reconciliation job finds out.
 */
export async function confirmBooking(
  deps: ConfirmDeps,
  viewer: Viewer,
  input: ConfirmBookingInput,
): Promise<BookingRow> {
  const holdId = parseId(input.holdId, 'input.holdId');
  if (!PAYMENT_METHOD.test(input.paymentMethodId)) {
    throw new ValidationError(
      'paymentMethodId must be a Stripe PaymentMethod id (pm_...)',
      'input.paymentMethodId',
    );
  }
  const key = parseIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey');
  if (key === undefined) throw new ValidationError('idempotencyKey is required', 'input.idempotencyKey');

  const { paymentId, replayed } = await startAttempt(deps, viewer, {
    holdId,
    paymentMethod: input.paymentMethodId,
    key,
  });
  let payment = await loadPayment(deps.db, paymentId);
  if (payment.status === 'PENDING') payment = await drivePending(deps, payment, replayed);
  if (payment.status === 'SUCCEEDED') await sendOwedRefund(deps, payment);
  return answerFor(deps.db, payment);
}

/** beginAttempt, first cancelling an attempt stuck in 3-D Secure if the buyer moved on to another card. */
async function startAttempt(
  deps: ConfirmDeps,
  viewer: Viewer,
  input: { holdId: string; paymentMethod: string; key: string },
) {
  try {
    return await beginAttempt(deps, viewer, input);
  } catch (err) {
    if (!(err instanceof SupersedeRequired)) throw err;
    for (const open of err.open) {
      const after = open.stripePaymentIntentId
        ? await deps.gateway.cancel(open.stripePaymentIntentId, `cancel:${open.id}`)
        : ({ status: 'unknown', message: 'no PaymentIntent id' } as const);
      if (after.status === 'unknown' || after.status === 'in_flight') throw paymentInProgress();
      // Possibly a success (the buyer finished authenticating meanwhile): that books the hold.
      await inTransaction(deps.db, (tx) => applyIntentFacts(tx, open.id, after, deps.clock.now()));
    }
    return beginAttempt(deps, viewer, input);
  }
}

/**
 * Asks Stripe about a PENDING attempt. A fresh attempt, or a replay while the hold is still
 * usable, re-sends the charge (same key: at most one PaymentIntent). A replay after the hold
 * ran out only looks the PaymentIntent up, so a retry never starts a charge for a dead hold.
 */
async function drivePending(deps: ConfirmDeps, payment: PaymentRow, replayed: boolean): Promise<PaymentRow> {
  const [hold] = await findHoldsByIds(deps.db, [payment.holdId]);
  const charge = !replayed || (hold !== undefined && holdUsable(hold, deps.clock.now()));
  const outcome: ChargeOutcome | IntentLookup = charge
    ? await deps.gateway.charge(chargeRequestOf(payment))
    : ((await deps.gateway.findByPaymentId(payment.id)) ?? { status: 'unknown', message: 'not found yet' });
  if (outcome.status === 'unknown' || outcome.status === 'in_flight') return payment;
  const facts =
    outcome.status === 'invalid_payment_method'
      ? ({
          status: 'failed',
          paymentIntentId: null,
          code: 'invalid_payment_method',
          declineCode: null,
          message: outcome.message,
        } as const)
      : outcome;
  const applied = await inTransaction(deps.db, (tx) =>
    applyIntentFacts(tx, payment.id, facts, deps.clock.now()),
  );
  return applied ?? payment;
}

/** Everything in the Stripe request comes from the stored attempt, so a re-send is identical. */
export function chargeRequestOf(payment: PaymentRow) {
  return {
    idempotencyKey: `confirm:${payment.holdId}:${payment.attempt}`,
    amount: payment.amount,
    currency: payment.currency,
    paymentMethod: payment.paymentMethod,
    description: `Boxoffice hold ${payment.holdId}`,
    metadata: { [METADATA_PAYMENT_ID]: payment.id, hold_id: payment.holdId, user_id: payment.userId },
  };
}

async function loadPayment(db: Db, id: string): Promise<PaymentRow> {
  const [payment] = await findPaymentsByIds(db, [id]);
  if (!payment) throw new Error(`payment ${id} vanished`);
  return payment;
}

/** A refund owed by this request goes out now; if Stripe is unreachable the worker sends it. */
async function sendOwedRefund(deps: ConfirmDeps, payment: PaymentRow): Promise<void> {
  const refund = await findRefundOfPayment(deps.db, payment.id);
  if (refund?.status !== 'PENDING') return;
  await sendRefunds(deps, { limit: 1, ids: [refund.id] }).catch(() => undefined);
}
