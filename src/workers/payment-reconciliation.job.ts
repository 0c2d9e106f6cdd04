import type { PaymentService } from '../domain/payments/payment.service.js';
import type { Job } from './job-runner.js';

/**
 * Settles payments whose outcome a request never learnt (crash, timeout, Stripe 5xx) and gives
 * up 3-D Secure payments whose hold is over. Those are rare; every 10 s is plenty.
 */
export function paymentReconciliationJob(payments: PaymentService, batchSize = 50): Job {
  return { name: 'payment-reconciliation', intervalMs: 10_000, run: () => payments.reconcile(batchSize) };
}
