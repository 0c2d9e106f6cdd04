import type { Db } from '../../db/client.js';
import { claimDueRefunds, noteRefundError, settleRefund } from '../../db/queries/refunds.js';
import type { Clock } from '../clock.js';
import type { PaymentGateway } from './payment-gateway.js';

export interface RefundSenderDeps {
  db: Db;
  clock: Clock;
  gateway: PaymentGateway;
}

/**
 * Sends owed refunds to Stripe (the outbox): claimed in a short transaction, sent with no
 * transaction open, settled in another. The key `refund:<id>` makes a re-send (after a crash,
 * a timeout, or by a second worker) return the same Stripe refund. `ids` sends just those (the
 * request that owed them, right after commit); the worker sends whatever is due.
 */
export async function sendRefunds(
  deps: RefundSenderDeps,
  opts: { limit: number; ids?: readonly string[] },
): Promise<number> {
  const now = deps.clock.now();
  const due = await deps.db.transaction((tx) =>
    claimDueRefunds(tx, { now, limit: opts.limit, ...(opts.ids ? { ids: opts.ids } : {}) }),
  );
  for (const refund of due) {
    if (!refund.paymentIntentId) {
      await settleRefund(deps.db, refund.id, {
        status: 'FAILED',
        error: 'payment has no PaymentIntent',
        at: now,
      });
      continue;
    }
    const outcome = await deps.gateway.refund({
      idempotencyKey: `refund:${refund.id}`,
      paymentIntentId: refund.paymentIntentId,
      amount: refund.amount,
      metadata: { boxoffice_refund_id: refund.id, boxoffice_reference: refund.reference },
    });
    const at = deps.clock.now();
    if (outcome.status === 'succeeded') {
      await settleRefund(deps.db, refund.id, { status: 'SUCCEEDED', stripeRefundId: outcome.refundId, at });
    } else if (outcome.status === 'failed') {
      // Stripe refused for good (e.g. refunded in the Dashboard already): a person looks at it.
      await settleRefund(deps.db, refund.id, { status: 'FAILED', error: outcome.message, at });
    } else {
      await noteRefundError(deps.db, refund.id, outcome.message);
    }
  }
  return due.length;
}
