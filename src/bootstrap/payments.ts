import type { Env } from '../config/env.js';
import type { PaymentsConfig } from '../domain/payments/payment.service.js';
import { startFakeStripe } from '../fake-stripe/index.js';
import type { Logger } from '../logger.js';
import type { Lifecycle } from './lifecycle.js';
import { stripeFromEnv } from './service-config.js';

export interface PaymentsSetup {
  config: PaymentsConfig | undefined;
  /** The fake Stripe's base URL, when this process runs one. */
  fakeUrl?: string;
  /** Points the fake's webhooks at this API once it listens. */
  deliverWebhooksTo?: (url: string) => void;
}

/**
 * Stripe for this process: STRIPE_SECRET_KEY when set; in embedded mode without it, a fake
 * Stripe on loopback (test mode behaviour, nothing leaves the machine), so `npm start` can book
 * and pay end to end; otherwise none, and confirmBooking answers PAYMENT_FAILED. The fake never
 * runs with NODE_ENV=production: it confirms any test card, so every booking would be free.
 */
export async function setUpPayments(
  env: Env,
  embedded: boolean,
  logger: Logger,
  lifecycle: Lifecycle,
): Promise<PaymentsSetup> {
  const fromEnv = stripeFromEnv(env);
  if (fromEnv) {
    if (!env.STRIPE_WEBHOOK_SECRET)
      logger.warn('STRIPE_WEBHOOK_SECRET is unset: Stripe webhooks will be rejected');
    return { config: fromEnv };
  }
  if (!embedded || env.NODE_ENV === 'production') {
    const why = embedded ? '; the built-in fake Stripe never runs with NODE_ENV=production' : '';
    logger.warn(
      `STRIPE_SECRET_KEY is unset: payments are disabled (confirmBooking answers PAYMENT_FAILED)${why}`,
    );
    return { config: undefined };
  }
  const fake = await startFakeStripe(
    env.STRIPE_WEBHOOK_SECRET ? { webhookSecret: env.STRIPE_WEBHOOK_SECRET } : {},
  );
  lifecycle.onShutdown('fake Stripe', fake.stop);
  logger.info({ url: fake.url }, 'no STRIPE_SECRET_KEY: using the built-in fake Stripe (test mode)');
  return {
    config: { stripe: { secretKey: fake.secretKey, apiUrl: fake.url, webhookSecret: fake.webhookSecret } },
    fakeUrl: fake.url,
    deliverWebhooksTo: (url) => fake.setWebhookUrl(url),
  };
}
