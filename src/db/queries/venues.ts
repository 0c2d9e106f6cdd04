import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { venues, type VenueRow } from '../schema/index.js';

export async function insertVenue(
  db: DbOrTx,
  values: { cityId: string; name: string; address: string | null },
): Promise<VenueRow> {
  const [row] = await db.insert(venues).values(values).returning();
  if (!row) throw new Error('insert into venues returned no row');
  return row;
}

export async function findVenuesByIds(db: DbOrTx, ids: readonly string[]): Promise<VenueRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(venues).where(inArray(venues.id, [...ids]));
}
