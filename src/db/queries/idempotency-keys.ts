import { and, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { idempotencyKeys, type IdempotencyKeyRow } from '../schema/index.js';

/**
 * Claims a key inside the caller's transaction. A concurrent claim of the same key waits on the
 * unique index until the first transaction ends: after a commit it sees the stored answer, after
 * a rollback it claims the key itself. Returns false when the key already exists.
 */
export async function claimIdempotencyKey(
  tx: DbOrTx,
  row: { userId: string; key: string; operation: string; requestHash: string; createdAt: Date },
): Promise<boolean> {
  const inserted = await tx
    .insert(idempotencyKeys)
    .values({ ...row, response: null })
    .onConflictDoNothing()
    .returning({ key: idempotencyKeys.key });
  return inserted.length === 1;
}

export async function findIdempotencyKey(
  db: DbOrTx,
  userId: string,
  key: string,
): Promise<IdempotencyKeyRow | undefined> {
  const [row] = await db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
}

export async function storeIdempotentResponse(
  tx: DbOrTx,
  userId: string,
  key: string,
  response: unknown,
): Promise<void> {
  await tx
    .update(idempotencyKeys)
    .set({ response })
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}

/** Deletes up to `limit` keys created before `before`; returns how many went. */
export async function deleteIdempotencyKeysBefore(db: DbOrTx, before: Date, limit: number): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`
    with old as (
      select user_id, key from ${idempotencyKeys}
      where created_at < ${before.toISOString()}::timestamptz limit ${limit}
    ), gone as (
      delete from ${idempotencyKeys} k using old where k.user_id = old.user_id and k.key = old.key returning 1
    )
    select count(*)::int as n from gone`);
  return rows[0]?.n ?? 0;
}
