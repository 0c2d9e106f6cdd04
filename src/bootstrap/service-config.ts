import type { Env } from '../config/env.js';
import type { PaymentsConfig } from '../domain/payments/payment.service.js';
import type { ServiceConfig } from '../domain/services.js';

/**
 * The domain's settings, taken from the parsed environment. `payments` overrides the Stripe
 * settings (the embedded demo's fake Stripe); otherwise they come from STRIPE_*.
 */
export function serviceConfigFromEnv(env: Env, jwtSecret: string, payments?: PaymentsConfig): ServiceConfig {
  return {
    jwtSecret,
    jwtTtlSeconds: env.JWT_TTL_SECONDS,
    holds: {
      ttlSeconds: env.HOLD_TTL_SECONDS,
      extensionSeconds: env.HOLD_EXTENSION_SECONDS,
      maxSeats: env.HOLD_MAX_SEATS,
      maxActivePerUser: env.HOLD_MAX_ACTIVE_PER_USER,
      // A rate limit, kept in the hold's transaction: off with the other limits.
      ipHeldSeatsPerShow: env.RATE_LIMITS === 'on' ? env.RATE_LIMIT_IP_HELD_SEATS_PER_SHOW : undefined,
    },
    live: { expiringSoonSeconds: env.HOLD_EXPIRING_SOON_SECONDS },
    payments: payments ?? stripeFromEnv(env),
    ticketSecret: env.TICKET_SECRET,
    requireVerifiedEmail: env.REQUIRE_VERIFIED_EMAIL,
    doorsOpenSeconds: env.DOORS_OPEN_SECONDS,
  };
}

/** Stripe from STRIPE_SECRET_KEY (and STRIPE_WEBHOOK_SECRET, STRIPE_API_URL); unset: no payments. */
export function stripeFromEnv(env: Env): PaymentsConfig | undefined {
  if (!env.STRIPE_SECRET_KEY) return undefined;
  return {
    stripe: {
      secretKey: env.STRIPE_SECRET_KEY,
      ...(env.STRIPE_WEBHOOK_SECRET ? { webhookSecret: env.STRIPE_WEBHOOK_SECRET } : {}),
      ...(env.STRIPE_API_URL ? { apiUrl: env.STRIPE_API_URL } : {}),
    },
  };
}
