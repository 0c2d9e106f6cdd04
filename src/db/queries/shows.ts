import { and, eq, inArray, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { seats, showPrices, shows, showSeats, type ShowPriceRow, type ShowRow } from '../schema/index.js';

/**
 * Inserts a show with its section prices and its whole seat inventory (call inside a
 * transaction). The inventory is one INSERT ... SELECT over the screen's seats.
 */
export async function insertShowWithInventory(
  tx: DbOrTx,
  show: { eventId: string; screenId: string; startsAt: Date; endsAt: Date; currency: string },
  prices: Omit<ShowPriceRow, 'showId'>[],
): Promise<ShowRow> {
  const [row] = await tx.insert(shows).values(show).returning();
  if (!row) throw new Error('insert into shows returned no row');
  await tx.insert(showPrices).values(prices.map((p) => ({ ...p, showId: row.id })));
  await tx.execute(sql`
    insert into ${showSeats} (show_id, seat_id, section, status)
    select ${row.id}, ${seats.id}, ${seats.section},
           (case when ${seats.blocked} then 'BLOCKED' else 'AVAILABLE' end)::seat_status
    from ${seats} where ${seats.screenId} = ${show.screenId}`);
  return row;
}

export async function findShowsByIds(db: DbOrTx, ids: readonly string[]): Promise<ShowRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(shows).where(inArray(shows.id, [...ids]));
}

/** Marks a show cancelled; returns undefined when it was already cancelled or does not exist. */
export async function markShowCancelled(db: DbOrTx, id: string, at: Date): Promise<ShowRow | undefined> {
  const [row] = await db
    .update(shows)
    .set({ status: 'CANCELLED', cancelledAt: at })
    .where(and(eq(shows.id, id), ne(shows.status, 'CANCELLED')))
    .returning();
  return row;
}

export async function findShowPricesByShowIds(db: DbOrTx, showIds: readonly string[]): Promise<ShowPriceRow[]> {
  if (showIds.length === 0) return [];
  return db
    .select()
    .from(showPrices)
    .where(inArray(showPrices.showId, [...showIds]))
    .orderBy(showPrices.showId, showPrices.sortOrder);
}
