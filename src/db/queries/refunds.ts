import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { refunds, type RefundRow } from '../schema/index.js';
import { ts } from './sql-helpers.js';

/**
 * Records a refund owed (the outbox row) unless the payment already has one; undefined when
 * its reference is taken (the caller draws another) or the payment was refunded before.
 */
export async function insertRefund(
  tx: DbOrTx,
  r: Pick<RefundRow, 'reference' | 'paymentId' | 'bookingId' | 'amount' | 'currency' | 'reason'> & {
    now: Date;
  },
): Promise<{ inserted: RefundRow | undefined; existing: RefundRow | undefined }> {
  const [inserted] = await tx
    .insert(refunds)
    .values({ ...r, status: 'PENDING', createdAt: r.now, nextAttemptAt: r.now })
    .onConflictDoNothing()
    .returning();
  if (inserted) return { inserted, existing: undefined };
  return { inserted: undefined, existing: await findRefundOfPayment(tx, r.paymentId) };
}

export async function findRefundOfPayment(db: DbOrTx, paymentId: string): Promise<RefundRow | undefined> {
  const [row] = await db.select().from(refunds).where(eq(refunds.paymentId, paymentId));
  return row;
}

export async function findRefundsOfBookings(db: DbOrTx, bookingIds: readonly string[]): Promise<RefundRow[]> {
  if (bookingIds.length === 0) return [];
  return db
    .select()
    .from(refunds)
    .where(inArray(refunds.bookingId, [...bookingIds]));
}

export type DueRefund = {
  id: string;
  reference: string;
  paymentId: string;
  bookingId: string | null;
  amount: number;
  /** Null only if the payment never reached Stripe, which a refunded payment always did. */
  paymentIntentId: string | null;
};

/**
 * Claims pending refunds that are due (or the given ones) and pushes their next attempt back,
 * so two workers (or a worker and the request that just committed the refund) do not send the
 * same refund at once; the Stripe key makes a duplicate send harmless anyway.
 */
export async function claimDueRefunds(
  tx: DbOrTx,
  a: { now: Date; limit: number; ids?: readonly string[] },
): Promise<DueRefund[]> {
  const only = a.ids ? sql`and r.id = any(${sql.param([...a.ids])}::uuid[])` : sql``;
  return tx.execute<DueRefund>(sql`
    with due as (
      select r.id from refunds r
      where r.status = 'PENDING' and r.next_attempt_at <= ${ts(a.now)} ${only}
      order by r.next_attempt_at
      limit ${a.limit}
      for update skip locked
    )
    -- Backoff: 10 s, 40 s, 90 s, ... at most 30 min between attempts at one refund.
    update refunds r set attempts = r.attempts + 1,
      next_attempt_at = ${ts(a.now)} + least(make_interval(secs => 10 * (r.attempts + 1) * (r.attempts + 1)),
                                             interval '30 minutes')
    from due, payments p
    where r.id = due.id and p.id = r.payment_id
    returning r.id, r.reference, r.payment_id as "paymentId", r.booking_id as "bookingId", r.amount,
              p.stripe_payment_intent_id as "paymentIntentId"`);
}

export async function settleRefund(
  db: DbOrTx,
  id: string,
  result:
    | { status: 'SUCCEEDED'; stripeRefundId: string | null; at: Date }
    | { status: 'FAILED'; error: string; at: Date },
): Promise<void> {
  await db
    .update(refunds)
    .set(
      result.status === 'SUCCEEDED'
        ? {
            status: 'SUCCEEDED',
            completedAt: result.at,
            lastError: null,
            ...(result.stripeRefundId ? { stripeRefundId: result.stripeRefundId } : {}),
          }
        : { status: 'FAILED', completedAt: result.at, lastError: result.error },
    )
    .where(sql`${refunds.id} = ${id} and ${refunds.status} = 'PENDING'`);
}

export async function noteRefundError(db: DbOrTx, id: string, error: string): Promise<void> {
  await db.update(refunds).set({ lastError: error }).where(eq(refunds.id, id));
}
