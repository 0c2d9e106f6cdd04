import { and, asc, eq, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { showPrices, shows, type ShowPriceRow } from '../schema/index.js';

/** Sets the price of each listed section (the sections were validated against the screen). */
export async function setShowPrices(
  db: DbOrTx,
  showId: string,
  prices: readonly { section: string; amount: number }[],
): Promise<ShowPriceRow[]> {
  const rows: ShowPriceRow[] = [];
  for (const p of prices) {
    const [row] = await db
      .update(showPrices)
      .set({ amount: p.amount })
      .where(and(eq(showPrices.showId, showId), eq(showPrices.section, p.section)))
      .returning();
    if (row) rows.push(row);
  }
  // Holds quoted before this change are refused by their transaction and quoted again.
  await db
    .update(shows)
    .set({ pricesVersion: sql`${shows.pricesVersion} + 1` })
    .where(eq(shows.id, showId));
  return rows;
}

export async function findShowPrices(db: DbOrTx, showId: string): Promise<ShowPriceRow[]> {
  return db.select().from(showPrices).where(eq(showPrices.showId, showId)).orderBy(asc(showPrices.sortOrder));
}
