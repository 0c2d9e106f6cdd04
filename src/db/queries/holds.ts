import { and, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { holds, type HoldRow } from '../schema/index.js';
import { ts } from './sql-helpers.js';

export async function findHoldsByIds(db: DbOrTx, ids: readonly string[]): Promise<HoldRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(holds)
    .where(inArray(holds.id, [...ids]));
}

/** Locks a hold for a state change (release, extend, convert). */
export async function lockHold(tx: DbOrTx, id: string): Promise<HoldRow | undefined> {
  const [row] = await tx.select().from(holds).where(eq(holds.id, id)).for('update');
  return row;
}

export async function setHoldExpiry(tx: DbOrTx, id: string, expiresAt: Date): Promise<HoldRow> {
  const [row] = await tx
    .update(holds)
    .set({ expiresAt, extensions: sql`${holds.extensions} + 1` })
    .where(eq(holds.id, id))
    .returning();
  if (!row) throw new Error(`hold ${id} vanished under lock`);
  return row;
}

/**
 * Claims up to `limit` holds that expired at `now`, marking them EXPIRED. SKIP LOCKED lets
 * several workers run at once, each hold claimed by exactly one; a hold being released or
 * converted right now is locked by that transaction and skipped, then no longer ACTIVE.
 */
export async function claimExpiredHolds(
  tx: DbOrTx,
  now: Date,
  limit: number,
): Promise<{ id: string; showId: string }[]> {
  return tx.execute<{ id: string; showId: string }>(sql`
    with due as (
      select id from holds
      where status = 'ACTIVE' and expires_at <= ${ts(now)}
      order by expires_at
      limit ${limit}
      for update skip locked
    )
    update holds h set status = 'EXPIRED', ended_at = ${ts(now)}
    from due where h.id = due.id
    returning h.id, h.show_id as "showId"`);
}

/** Ends every active hold of a show (the show was cancelled); returns their ids. */
export async function endActiveHoldsOfShow(tx: DbOrTx, showId: string, now: Date): Promise<string[]> {
  const rows = await tx
    .update(holds)
    .set({ status: 'RELEASED', endedAt: now })
    .where(and(eq(holds.showId, showId), eq(holds.status, 'ACTIVE')))
    .returning({ id: holds.id });
  return rows.map((r) => r.id);
}
