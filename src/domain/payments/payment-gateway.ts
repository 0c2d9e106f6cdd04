/**
 * What the bookings domain needs from a payment provider, in its own terms. The Stripe
 * implementation is in stripe-gateway.ts; every call is made outside any database transaction.
 */

/** What Stripe says a PaymentIntent is now, reduced to what decides our state. */
export type IntentFacts =
  | { status: 'succeeded'; paymentIntentId: string }
  | { status: 'requires_action'; paymentIntentId: string; clientSecret: string }
  | {
      status: 'failed';
      paymentIntentId: string | null;
      /** Stripe's error code (`card_declined`, ...) or one of PROVIDER_FAILURE_CODES. */
      code: string;
      declineCode: string | null;
      message: string;
    }
  | { status: 'canceled'; paymentIntentId: string | null; reason: string };

/** Failure codes that are not about the card: the buyer did nothing wrong. */
export const PROVIDER_FAILURE_CODES = new Set(['provider_error', 'invalid_request', 'not_configured']);

export type ChargeOutcome =
  | IntentFacts
  /** 5xx, timeout, lost connection, or our own key misused: money may or may not have moved. */
  | { status: 'unknown'; message: string }
  /** The payment method id does not exist at the provider: nothing was charged. */
  | { status: 'invalid_payment_method'; message: string };

export interface ChargeRequest {
  /** Derived from our own ids, so re-sending the request can never charge twice. */
  idempotencyKey: string;
  amount: number;
  currency: string;
  paymentMethod: string;
  description: string;
  metadata: Record<string, string>;
}

/** A PaymentIntent as looked up later: facts, or still in flight at Stripe (`processing`). */
export type IntentLookup = IntentFacts | { status: 'in_flight' } | { status: 'unknown'; message: string };

export type RefundOutcome =
  | { status: 'succeeded'; refundId: string }
  | { status: 'failed'; message: string }
  | { status: 'unknown'; message: string };

export interface PaymentGateway {
  /** Creates and confirms a PaymentIntent server-side (no redirects). */
  charge(request: ChargeRequest): Promise<ChargeOutcome>;
  retrieve(paymentIntentId: string): Promise<IntentLookup>;
  /** The PaymentIntent created for one of our payment rows (by metadata), or null if none. */
  findByPaymentId(paymentId: string): Promise<IntentLookup | null>;
  /** Cancels an unfinished PaymentIntent; answers with what it is afterwards. */
  cancel(paymentIntentId: string, idempotencyKey: string): Promise<IntentLookup>;
  refund(request: {
    idempotencyKey: string;
    paymentIntentId: string;
    amount: number;
    metadata: Record<string, string>;
  }): Promise<RefundOutcome>;
  /** Verifies a webhook's signature and age; throws when either is wrong. */
  verifyWebhook(rawBody: Buffer, signature: string | undefined, receivedAtMs: number): WebhookEvent;
}

/** The part of a Stripe event the worker reads. */
export interface WebhookEvent {
  id: string;
  type: string;
  data: { object: unknown };
}

export class WebhookSignatureError extends Error {
  override name = 'WebhookSignatureError';
}

/** Payments without a provider (no STRIPE_SECRET_KEY outside the embedded demo): every charge is refused. */
export const unconfiguredGateway: PaymentGateway = {
  charge: async () => ({
    status: 'failed',
    paymentIntentId: null,
    code: 'not_configured',
    declineCode: null,
    message: 'Payments are not configured on this server (STRIPE_SECRET_KEY)',
  }),
  retrieve: async () => ({ status: 'unknown', message: 'payments are not configured' }),
  findByPaymentId: async () => ({ status: 'unknown', message: 'payments are not configured' }),
  cancel: async () => ({ status: 'unknown', message: 'payments are not configured' }),
  refund: async () => ({ status: 'unknown', message: 'payments are not configured' }),
  verifyWebhook: () => {
    throw new WebhookSignatureError('webhooks are not configured (STRIPE_WEBHOOK_SECRET)');
  },
};
