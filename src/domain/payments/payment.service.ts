import type { Db } from '../../db/client.js';
import type { Logger } from '../../logger.js';
import type { Clock } from '../clock.js';
import type { PaymentGateway } from './payment-gateway.js';
import { reconcilePayments } from './reconcile.js';
import { sendRefunds } from './send-refunds.js';
import type { StripeSettings } from './stripe-gateway.js';
import { processStripeEvents, receiveStripeWebhook } from './stripe-events.js';

export interface PaymentsConfig {
  stripe: StripeSettings;
  /** When an unanswered attempt is handed to reconciliation (default: longer than any request). */
  unknownAfterMs?: number;
}

/** Longer than one confirm request can wait for Stripe (every try timing out), plus a margin. */
export function unknownAfterMsOf(config: PaymentsConfig | undefined): number {
  const s = config?.stripe;
  return config?.unknownAfterMs ?? (s?.timeoutMs ?? 20_000) * ((s?.maxNetworkRetries ?? 2) + 1) + 30_000;
}

/** Stripe's side of things for the HTTP webhook route and the worker's jobs. */
export function createPaymentService(deps: {
  db: Db;
  clock: Clock;
  gateway: PaymentGateway;
  unknownAfterMs: number;
  events?: { seatsChanged(): void };
  logger?: Logger;
}) {
  // Settling a payment may book seats: wake the seat-change sequencer after commit.
  const nudging = async (handled: Promise<number>) => {
    const n = await handled;
    if (n > 0) deps.events?.seatsChanged();
    return n;
  };
  return {
    receiveWebhook: (rawBody: Buffer, signature: string | undefined) =>
      receiveStripeWebhook(deps, rawBody, signature),
    processEvents: (limit: number) => nudging(processStripeEvents(deps, limit)),
    reconcile: (limit: number) => nudging(reconcilePayments(deps, limit)),
    sendRefunds: (limit: number) => sendRefunds(deps, { limit }),
  };
}
export type PaymentService = ReturnType<typeof createPaymentService>;
