import type { Env } from '../config/env.js';
import type { AppServices } from '../domain/services.js';
import { createLogger, type Logger } from '../logger.js';
import { holdExpiryJob } from './hold-expiry.job.js';
import { idempotencyCleanupJob } from './idempotency-cleanup.job.js';
import { loginFailuresCleanupJob } from './login-failures-cleanup.job.js';
import { paymentReconciliationJob } from './payment-reconciliation.job.js';
import { refundSenderJob } from './refund-sender.job.js';
import { seatChangePruneJob } from './seat-change-prune.job.js';
import { seatChangeRelayJob } from './seat-change-relay.job.js';
import { seatChangeSequencerJob } from './seat-change-sequencer.job.js';
import { stripeEventsJob } from './stripe-events.job.js';
import type { Job } from './job-runner.js';

/**
 * The background jobs every worker runs (in the API process when RUN_WORKER is on, or in
 * `npm run worker`). Each issue adds its job here: hold expiry, outbox relay, payment
 * reconciliation. Jobs must be safe to run in several processes at once.
 */
export function buildJobs(services: AppServices, config: Env, logger: Logger = createLogger('silent')): Job[] {
  return [
    seatChangeSequencerJob(services.seatChanges),
    seatChangeRelayJob(services, logger),
    seatChangePruneJob(services.seatChanges, config.SEAT_CHANGES_RETENTION_HOURS),
    holdExpiryJob(services.holds),
    idempotencyCleanupJob(services.holds),
    loginFailuresCleanupJob(services.auth),
    stripeEventsJob(services.payments),
    paymentReconciliationJob(services.payments),
    refundSenderJob(services.payments),
  ];
}
