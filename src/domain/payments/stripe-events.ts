import type { Db, Tx } from '../../db/client.js';
import { findPaymentByIntentId, findPaymentsByIds } from '../../db/queries/payments.js';
import { findRefundOfPayment, settleRefund } from '../../db/queries/refunds.js';
import {
  claimUnprocessedEvents,
  insertStripeEvent,
  markEventFailed,
  markEventProcessed,
} from '../../db/queries/stripe-events.js';
import { applyIntentFacts } from '../bookings/apply-intent.js';
import { describeError } from '../../describe-error.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import { inTransaction } from '../tx.js';
import { isId } from '../validation.js';
import { asIntent, factsOfIntent } from './intent-facts.js';
import type { PaymentGateway } from './payment-gateway.js';
import { METADATA_PAYMENT_ID } from './stripe-gateway.js';

export interface StripeEventDeps {
  db: Db;
  clock: Clock;
  gateway: PaymentGateway;
  logger?: Logger;
}

/** After this many failed attempts an event waits for a person (stripe_events.last_error says why). */
const MAX_ATTEMPTS = 5;

/**
 * POST /webhooks/stripe: verify the signature and age (WebhookSignatureError otherwise), then
 * store the event by its id. Nothing else happens in the request; a redelivery is a no-op.
 */
export async function receiveStripeWebhook(
  deps: StripeEventDeps,
  rawBody: Buffer,
  signature: string | undefined,
): Promise<{ eventId: string; duplicate: boolean }> {
  const now = deps.clock.now();
  const event = deps.gateway.verifyWebhook(rawBody, signature, now.getTime());
  const stored = await insertStripeEvent(deps.db, {
    id: event.id,
    type: event.type,
    payload: event,
    receivedAt: now,
  });
  return { eventId: event.id, duplicate: !stored };
}

/**
 * The worker: processes up to `limit` stored events, each exactly once. The batch's events are
 * locked (SKIP LOCKED: concurrent workers take others); each runs in a savepoint and is marked
 * processed in the same transaction as its effect, so a crash redoes it and a failure only
 * counts an attempt. Events are facts about a PaymentIntent applied by applyIntentFacts, which
 * accepts any order and repeats.
 */
export async function processStripeEvents(deps: StripeEventDeps, limit: number): Promise<number> {
  return inTransaction(deps.db, async (tx) => {
    const rows = await claimUnprocessedEvents(tx, limit, MAX_ATTEMPTS);
    for (const row of rows) {
      try {
        await tx.transaction((sp) => handleEvent(sp, row.type, row.payload, deps.clock.now()));
        await markEventProcessed(tx, row.id, deps.clock.now());
      } catch (err) {
        // Without query parameters: a failed update may carry a client_secret (describeError).
        await markEventFailed(tx, row.id, describeError(err));
        deps.logger?.warn(
          { err, eventId: row.id, type: row.type, attempt: row.attempts + 1 },
          'Stripe event failed',
        );
      }
    }
    return rows.length;
  });
}

/** Events that say where a PaymentIntent ended up; `payment_intent.created` and the like say nothing. */
const INTENT_EVENTS = new Set([
  'payment_intent.succeeded',
  'payment_intent.payment_failed',
  'payment_intent.requires_action',
  'payment_intent.canceled',
]);

async function handleEvent(tx: Tx, type: string, payload: unknown, now: Date): Promise<void> {
  const object = (payload as { data?: { object?: unknown } }).data?.object;
  if (INTENT_EVENTS.has(type)) {
    const pi = asIntent(object);
    if (!pi) return;
    const paymentId = await paymentIdOf(tx, pi.metadata?.[METADATA_PAYMENT_ID], pi.id);
    const facts = factsOfIntent(pi);
    // Not ours (another integration on the account), or a state that decides nothing.
    if (!paymentId || facts.status === 'in_flight' || facts.status === 'unknown') return;
    await applyIntentFacts(tx, paymentId, facts, now);
    return;
  }
  if (type === 'charge.refunded') {
    const charge = object as { payment_intent?: unknown; amount_refunded?: unknown };
    if (typeof charge.payment_intent !== 'string') return;
    const payment = await findPaymentByIntentId(tx, charge.payment_intent);
    const refund = payment ? await findRefundOfPayment(tx, payment.id) : undefined;
    // A refund whose answer was lost on the way back: Stripe's word that it went through.
    if (refund?.status === 'PENDING' && Number(charge.amount_refunded) >= refund.amount) {
      await settleRefund(tx, refund.id, { status: 'SUCCEEDED', stripeRefundId: null, at: now });
    }
  }
}

async function paymentIdOf(tx: Tx, fromMetadata: string | undefined, paymentIntentId: string) {
  if (fromMetadata && isId(fromMetadata)) {
    const [payment] = await findPaymentsByIds(tx, [fromMetadata]);
    if (payment) return payment.id;
  }
  return (await findPaymentByIntentId(tx, paymentIntentId))?.id;
}
