import { and, asc, eq, getTableColumns, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { screens, venues, type VenueRow } from '../schema/index.js';

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
  return db
    .select()
    .from(venues)
    .where(inArray(venues.id, [...ids]));
}

/** The venue of each screen, in one join (a show's venue without a screen round trip). */
export async function findVenuesByScreenIds(
  db: DbOrTx,
  screenIds: readonly string[],
): Promise<(VenueRow & { screenId: string })[]> {
  if (screenIds.length === 0) return [];
  return db
    .select({ ...getTableColumns(venues), screenId: screens.id })
    .from(screens)
    .innerJoin(venues, eq(venues.id, screens.venueId))
    .where(inArray(screens.id, [...screenIds]));
}

/** One keyset page ordered by (name, id), optionally in one city. */
export async function findVenuesPage(
  db: DbOrTx,
  filter: { cityId?: string },
  after: { name: string; id: string } | undefined,
  limit: number,
): Promise<VenueRow[]> {
  return db
    .select()
    .from(venues)
    .where(
      and(
        filter.cityId ? eq(venues.cityId, filter.cityId) : undefined,
        after ? sql`(${venues.name}, ${venues.id}) > (${after.name}, ${after.id}::uuid)` : undefined,
      ),
    )
    .orderBy(asc(venues.name), asc(venues.id))
    .limit(limit);
}

export async function lockVenue(db: DbOrTx, id: string): Promise<VenueRow | undefined> {
  const [row] = await db.select().from(venues).where(eq(venues.id, id)).for('no key update');
  return row;
}

export async function updateVenue(
  db: DbOrTx,
  id: string,
  values: Partial<Pick<VenueRow, 'name' | 'address'>>,
): Promise<VenueRow> {
  const [row] = await db.update(venues).set(values).where(eq(venues.id, id)).returning();
  if (!row) throw new Error(`venue ${id} vanished while locked`);
  return row;
}
