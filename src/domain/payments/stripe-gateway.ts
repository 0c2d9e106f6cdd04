import Stripe from 'stripe';
import { describeError } from '../../describe-error.js';
import { factsOfIntent } from './intent-facts.js';
import {
  type ChargeOutcome,
  type IntentLookup,
  type PaymentGateway,
  type RefundOutcome,
  WebhookSignatureError,
} from './payment-gateway.js';

export interface StripeSettings {
  secretKey: string;
  /** Base URL, e.g. `http://127.0.0.1:12111` for the fake; unset: Stripe's own API. */
  apiUrl?: string;
  /** `whsec_...`; unset: every webhook is rejected. */
  webhookSecret?: string;
  /** Per request (default 20 s; Stripe's client would wait 80 s). */
  timeoutMs?: number;
  /** Automatic retries with the same idempotency key on network errors and 5xx (default 2). */
  maxNetworkRetries?: number;
}

/** Stripe's signature tolerance: older signed webhooks are replays, not deliveries. */
const WEBHOOK_TOLERANCE_SECONDS = 300;
export const METADATA_PAYMENT_ID = 'boxoffice_payment_id';

export function createStripeGateway(settings: StripeSettings): PaymentGateway {
  const stripe = new Stripe(settings.secretKey, {
    ...endpointOf(settings.apiUrl),
    timeout: settings.timeoutMs ?? 20_000,
    maxNetworkRetries: settings.maxNetworkRetries ?? 2,
    telemetry: false,
    appInfo: { name: 'boxoffice' },
  });

  const lookup = async (call: () => Promise<Stripe.PaymentIntent>): Promise<IntentLookup> => {
    try {
      return factsOfIntent(await call());
    } catch (err) {
      return { status: 'unknown', message: messageOf(err) };
    }
  };

  return {
    async charge(req) {
      try {
        const pi = await stripe.paymentIntents.create(
          {
            amount: req.amount,
            currency: req.currency.toLowerCase(),
            payment_method: req.paymentMethod,
            confirm: true,
            // Confirmed server-side with no return_url: only methods that never redirect.
            automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
            description: req.description,
            metadata: req.metadata,
          },
          { idempotencyKey: req.idempotencyKey },
        );
        const facts = factsOfIntent(pi);
        return facts.status === 'in_flight'
          ? { status: 'unknown', message: `PaymentIntent is ${pi.status}` }
          : facts;
      } catch (err) {
        return outcomeOfChargeError(err);
      }
    },

    retrieve: (id) => lookup(() => stripe.paymentIntents.retrieve(id)),

    async findByPaymentId(paymentId) {
      try {
        // Search may lag behind writes by about a minute at Stripe; callers only ask for old attempts.
        const found = await stripe.paymentIntents.search({
          query: `metadata['${METADATA_PAYMENT_ID}']:'${paymentId}'`,
        });
        const pi = found.data[0];
        return pi ? factsOfIntent(pi) : null;
      } catch (err) {
        return { status: 'unknown', message: messageOf(err) };
      }
    },

    async cancel(id, idempotencyKey) {
      try {
        return factsOfIntent(await stripe.paymentIntents.cancel(id, {}, { idempotencyKey }));
      } catch (err) {
        // Too late to cancel (it succeeded or was cancelled meanwhile): say what it is now.
        if (err instanceof Stripe.errors.StripeInvalidRequestError)
          return lookup(() => stripe.paymentIntents.retrieve(id));
        return { status: 'unknown', message: messageOf(err) };
      }
    },

    async refund(req): Promise<RefundOutcome> {
      try {
        const refund = await stripe.refunds.create(
          { payment_intent: req.paymentIntentId, amount: req.amount, metadata: req.metadata },
          { idempotencyKey: req.idempotencyKey },
        );
        if (refund.status === 'failed' || refund.status === 'canceled') {
          return { status: 'failed', message: `Stripe refund ${refund.id} is ${refund.status}` };
        }
        return { status: 'succeeded', refundId: refund.id };
      } catch (err) {
        if (err instanceof Stripe.errors.StripeInvalidRequestError)
          return { status: 'failed', message: messageOf(err) };
        return { status: 'unknown', message: messageOf(err) };
      }
    },

    verifyWebhook(rawBody, signature, receivedAtMs) {
      if (!settings.webhookSecret) throw new WebhookSignatureError('STRIPE_WEBHOOK_SECRET is not set');
      try {
        const event = stripe.webhooks.constructEvent(
          rawBody,
          signature ?? '',
          settings.webhookSecret,
          WEBHOOK_TOLERANCE_SECONDS,
          undefined,
          receivedAtMs,
        );
        if (typeof event.id !== 'string' || typeof event.type !== 'string') throw new Error('not an event');
        return event;
      } catch (err) {
        throw new WebhookSignatureError(messageOf(err));
      }
    },
  };
}

/**
 * A thrown Stripe error is a decline (card_error), a rejection before anything ran (invalid
 * request, authentication, rate limit), or unknown: 5xx, timeouts and connection errors, and
 * idempotency errors (our own key sent with other parameters: the first request may have charged).
 */
function outcomeOfChargeError(err: unknown): ChargeOutcome {
  const message = messageOf(err);
  if (err instanceof Stripe.errors.StripeCardError) {
    return {
      status: 'failed',
      paymentIntentId: err.payment_intent?.id ?? null,
      code: err.code ?? 'card_declined',
      declineCode: err.decline_code ?? null,
      message,
    };
  }
  if (err instanceof Stripe.errors.StripeInvalidRequestError) {
    if (err.code === 'resource_missing' && err.param === 'payment_method') {
      return { status: 'invalid_payment_method', message };
    }
    return { status: 'failed', paymentIntentId: null, code: 'invalid_request', declineCode: null, message };
  }
  if (
    err instanceof Stripe.errors.StripeAuthenticationError ||
    err instanceof Stripe.errors.StripePermissionError ||
    err instanceof Stripe.errors.StripeRateLimitError
  ) {
    return { status: 'failed', paymentIntentId: null, code: 'provider_error', declineCode: null, message };
  }
  return { status: 'unknown', message };
}

function endpointOf(apiUrl: string | undefined): {
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
} {
  if (!apiUrl) return {};
  const url = new URL(apiUrl);
  const protocol = url.protocol === 'http:' ? 'http' : 'https';
  return { host: url.hostname, port: url.port ? Number(url.port) : protocol === 'http' ? 80 : 443, protocol };
}

/** Stored as a payment's failure message or a refund's last error: never with parameters. */
const messageOf = (err: unknown) => describeError(err);
