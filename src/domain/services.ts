import type { Db } from '../db/client.js';
import type { PgListener } from '../db/listen.js';
import { createLogger, type Logger } from '../logger.js';
import { Nudge } from '../realtime/nudge.js';
import { createInProcessPubSub, type PubSub } from '../realtime/pubsub.js';
import { topics } from '../realtime/topics.js';
import { createAuthService } from './auth/auth.service.js';
import { createBookingService } from './bookings/booking.service.js';
import { DEFAULT_DOORS_OPEN_SECONDS } from './bookings/check-in.js';
import { createTicketCodec, ticketSecretFrom } from './bookings/tickets.js';
import { createTokenIssuer } from './auth/tokens.js';
import { createAdminCatalogService } from './catalog/admin.service.js';
import { createCatalogService } from './catalog/catalog.service.js';
import type { Clock } from './clock.js';
import { systemClock } from './clock.js';
import { createHoldService, type HoldConfig } from './holds/hold.service.js';
import { createLiveService, type LiveConfig } from './live/live.service.js';
import { unconfiguredGateway } from './payments/payment-gateway.js';
import { createPaymentService, type PaymentsConfig, unknownAfterMsOf } from './payments/payment.service.js';
import { createStripeGateway } from './payments/stripe-gateway.js';
import { createSeatChangeService } from './seat-changes/seat-change.service.js';
import { createStaffService } from './staff/staff.service.js';

export interface ServiceConfig {
  jwtSecret: string;
  jwtTtlSeconds: number;
  holds: HoldConfig;
  /** Subscriptions (defaults: EXPIRING_SOON 60 s before expiry). */
  live?: LiveConfig;
  /** Stripe; unset: confirmBooking answers PAYMENT_FAILED (payments not configured). */
  payments?: PaymentsConfig;
  /** Signs ticket codes; unset: derived from jwtSecret. */
  ticketSecret?: string;
  /** scrypt N of new password hashes; unset: 2^17. Only tests lower it: no variable does. */
  passwordHashN?: number;
  /** REQUIRE_VERIFIED_EMAIL: holdSeats needs a verified email, and sign-up issues a code. */
  requireVerifiedEmail?: boolean;
  /** Embedded mode: verification codes are also printed to the console (there is no mail yet). */
  printVerificationCodes?: boolean;
  /** checkIn admits tickets from this long before the show starts (default 2 h). */
  doorsOpenSeconds?: number;
}

/** Process-wide real-time plumbing; the harness and scripts get in-process pub/sub by default. */
export interface RealtimeDeps {
  pubsub?: PubSub;
  logger?: Logger;
  /** LISTEN/NOTIFY on the database: cross-process wake-ups of the relay. Without it: polling. */
  listener?: PgListener;
}

/** Builds the stateless domain services once per process; resolvers and workers share them. */
export function createServices(
  db: Db,
  config: ServiceConfig,
  clock: Clock = systemClock,
  realtime: RealtimeDeps = {},
) {
  const tokens = createTokenIssuer(config.jwtSecret, config.jwtTtlSeconds);
  const pubsub = realtime.pubsub ?? createInProcessPubSub();
  const logger = realtime.logger ?? createLogger('silent');
  const seatChanges = createSeatChangeService({
    db,
    clock,
    pubsub,
    nudges: { sequencer: new Nudge(), relay: new Nudge() },
  });
  // After a hold commits: wake this process's sequencer, and tell holdChanged listeners (a lost
  // nudge only delays them until their next timer or seat change; see live/hold-watch.ts).
  const holdEvents = {
    seatsChanged: seatChanges.written,
    holdChanged: (holdId: string) => void pubsub.publish(topics.hold(holdId), { holdId }).catch(() => {}),
  };
  const gateway = config.payments ? createStripeGateway(config.payments.stripe) : unconfiguredGateway;
  const tickets = createTicketCodec(ticketSecretFrom(config.ticketSecret, config.jwtSecret));
  return {
    db,
    clock,
    pubsub,
    listener: realtime.listener,
    auth: createAuthService({
      db,
      clock,
      tokens,
      logger: logger.child({ component: 'auth' }),
      config: {
        secret: config.jwtSecret,
        passwordHashN: config.passwordHashN,
        requireVerifiedEmail: config.requireVerifiedEmail,
        printVerificationCodes: config.printVerificationCodes,
      },
    }),
    catalog: createCatalogService({ db, clock }),
    admin: createAdminCatalogService({ db, clock }),
    staff: createStaffService({ db, clock }),
    holds: createHoldService({
      db,
      clock,
      config: { ...config.holds, requireVerifiedEmail: config.requireVerifiedEmail ?? false },
      events: holdEvents,
    }),
    seatChanges,
    bookings: createBookingService({
      db,
      clock,
      gateway,
      tickets,
      doorsOpenSeconds: config.doorsOpenSeconds ?? DEFAULT_DOORS_OPEN_SECONDS,
      events: holdEvents,
    }),
    payments: createPaymentService({
      db,
      clock,
      gateway,
      unknownAfterMs: unknownAfterMsOf(config.payments),
      events: holdEvents,
      logger: logger.child({ component: 'payments' }),
    }),
    live: createLiveService({
      db,
      clock,
      pubsub,
      logger: logger.child({ component: 'live' }),
      config: config.live ?? { expiringSoonSeconds: 60 },
    }),
  };
}
export type AppServices = ReturnType<typeof createServices>;
