import type { PaymentService } from '../domain/payments/payment.service.js';
import type { Job } from './job-runner.js';

/**
 * Processes stored Stripe webhooks (3-D Secure completions, late payments, refunds). Short
 * interval: a buyer who just finished 3-D Secure is waiting for the booking.
 */
export function stripeEventsJob(payments: PaymentService, batchSize = 50): Job {
  return { name: 'stripe-events', intervalMs: 250, run: () => payments.processEvents(batchSize) };
}
