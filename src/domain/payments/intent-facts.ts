import type { IntentLookup } from './payment-gateway.js';

/** The fields of a Stripe PaymentIntent (API object or webhook payload) that decide our state. */
export interface IntentLike {
  id: string;
  status: string;
  client_secret?: string | null;
  cancellation_reason?: string | null;
  last_payment_error?: { code?: string | null; decline_code?: string | null; message?: string | null } | null;
}

/**
 * Reads a PaymentIntent: succeeded, waiting for the buyer (3-D Secure), failed (the last error
 * says why: a decline, a failed authentication), cancelled, or still moving at Stripe.
 */
export function factsOfIntent(pi: IntentLike): IntentLookup {
  switch (pi.status) {
    case 'succeeded':
      return { status: 'succeeded', paymentIntentId: pi.id };
    case 'requires_action':
      return { status: 'requires_action', paymentIntentId: pi.id, clientSecret: pi.client_secret ?? '' };
    case 'canceled':
      return { status: 'canceled', paymentIntentId: pi.id, reason: pi.cancellation_reason ?? 'canceled' };
    case 'requires_payment_method': {
      const e = pi.last_payment_error;
      // Without an error it was never confirmed (just created): nothing has failed yet.
      if (!e) return { status: 'in_flight' };
      return {
        status: 'failed',
        paymentIntentId: pi.id,
        code: e.code ?? 'payment_failed',
        declineCode: e.decline_code ?? null,
        message: e.message ?? 'The payment failed',
      };
    }
    default:
      // processing, requires_confirmation, requires_capture: not settled yet.
      return { status: 'in_flight' };
  }
}

/** A PaymentIntent object from a webhook payload, or undefined when it is not one. */
export function asIntent(value: unknown): (IntentLike & { metadata?: Record<string, string> }) | undefined {
  const v = value as { object?: unknown; id?: unknown; status?: unknown } | null;
  return v && v.object === 'payment_intent' && typeof v.id === 'string' && typeof v.status === 'string'
    ? (value as IntentLike & { metadata?: Record<string, string> })
    : undefined;
}
