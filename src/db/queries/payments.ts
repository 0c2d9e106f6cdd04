import { and, desc, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { payments, type PaymentRow } from '../schema/index.js';
import { ts } from './sql-helpers.js';

export async function findPaymentsByIds(db: DbOrTx, ids: readonly string[]): Promise<PaymentRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(payments)
    .where(inArray(payments.id, [...ids]));
}

export async function findPaymentByIntentId(
  db: DbOrTx,
  paymentIntentId: string,
): Promise<PaymentRow | undefined> {
  const [row] = await db.select().from(payments).where(eq(payments.stripePaymentIntentId, paymentIntentId));
  return row;
}

export async function lockPayment(tx: DbOrTx, id: string): Promise<PaymentRow | undefined> {
  const [row] = await tx.select().from(payments).where(eq(payments.id, id)).for('update');
  return row;
}

/** Attempts of a hold that may still take money (at most one, by the partial unique index). */
export async function findOpenPaymentsOfHold(tx: DbOrTx, holdId: string): Promise<PaymentRow[]> {
  return tx
    .select()
    .from(payments)
    .where(and(eq(payments.holdId, holdId), inArray(payments.status, ['PENDING', 'REQUIRES_ACTION'])));
}

/** The newest attempt of each hold (for `Booking.payment`). */
export async function findLatestPaymentsOfHolds(
  db: DbOrTx,
  holdIds: readonly string[],
): Promise<PaymentRow[]> {
  if (holdIds.length === 0) return [];
  return db
    .selectDistinctOn([payments.holdId])
    .from(payments)
    .where(inArray(payments.holdId, [...holdIds]))
    .orderBy(payments.holdId, desc(payments.attempt));
}

/** The next attempt of a hold (the caller holds the hold's row lock, so numbers never clash). */
export async function insertPaymentAttempt(
  tx: DbOrTx,
  p: { holdId: string; userId: string; amount: number; currency: string; paymentMethod: string; now: Date },
): Promise<PaymentRow> {
  const [row] = await tx
    .insert(payments)
    .values({
      holdId: p.holdId,
      userId: p.userId,
      attempt: sql`(select coalesce(max(attempt), 0) + 1 from payments where hold_id = ${p.holdId})`,
      amount: p.amount,
      currency: p.currency,
      paymentMethod: p.paymentMethod,
      status: 'PENDING',
      createdAt: p.now,
      updatedAt: p.now,
      nextCheckAt: p.now,
    })
    .returning();
  if (!row) throw new Error('insert into payments returned no row');
  return row;
}

export async function updatePayment(
  tx: DbOrTx,
  id: string,
  set: Partial<
    Pick<
      PaymentRow,
      | 'status'
      | 'stripePaymentIntentId'
      | 'clientSecret'
      | 'failureCode'
      | 'declineCode'
      | 'failureMessage'
      | 'nextCheckAt'
    >
  > & { updatedAt: Date },
): Promise<PaymentRow> {
  const [row] = await tx.update(payments).set(set).where(eq(payments.id, id)).returning();
  if (!row) throw new Error(`payment ${id} vanished under lock`);
  return row;
}

/**
 * Claims open attempts due for a look at Stripe and leases them until `leaseUntil`, so several
 * workers never check the same attempt at once: PENDING ones created before `pendingBefore`
 * (older than any request still waiting for Stripe), and REQUIRES_ACTION ones whose hold is
 * over (nobody can finish paying for it any more).
 */
export async function claimPaymentsToReconcile(
  tx: DbOrTx,
  a: { now: Date; pendingBefore: Date; leaseUntil: Date; limit: number },
): Promise<PaymentRow[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    with due as (
      select p.id from payments p join holds h on h.id = p.hold_id
      where p.status in ('PENDING', 'REQUIRES_ACTION') and p.next_check_at <= ${ts(a.now)}
        and ((p.status = 'PENDING' and p.created_at <= ${ts(a.pendingBefore)})
          or (p.status = 'REQUIRES_ACTION' and (h.status <> 'ACTIVE' or h.expires_at <= ${ts(a.now)})))
      order by p.next_check_at
      limit ${a.limit}
      for update of p skip locked
    )
    update payments p set next_check_at = ${ts(a.leaseUntil)}
    from due where p.id = due.id
    returning p.id`);
  return findPaymentsByIds(
    tx,
    rows.map((r) => r.id),
  );
}
