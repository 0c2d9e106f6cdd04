import type { PaymentService } from '../domain/payments/payment.service.js';
import type { Job } from './job-runner.js';

/** Sends owed refunds to Stripe (the refunds outbox): cancelled shows, late payments, retries. */
export function refundSenderJob(payments: PaymentService, batchSize = 20): Job {
  return { name: 'refund-sender', intervalMs: 2_000, run: () => payments.sendRefunds(batchSize) };
}
