import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  screens,
  seats,
  showPrices,
  shows,
  showSeats,
  showSeatVersions,
  venues,
  type ShowPriceRow,
  type ShowRow,
} from '../schema/index.js';

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
  await tx.insert(showSeatVersions).values({ showId: row.id });
  await tx.execute(sql`
    insert into ${showSeats} (show_id, seat_id, section, status)
    select ${row.id}, ${seats.id}, ${seats.section},
           (case when ${seats.blocked} then 'BLOCKED' else 'AVAILABLE' end)::seat_status
    from ${seats} where ${seats.screenId} = ${show.screenId}`);
  return row;
}

export async function findShowsByIds(db: DbOrTx, ids: readonly string[]): Promise<ShowRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(shows)
    .where(inArray(shows.id, [...ids]));
}

/** Locks a show row exclusively (also against foreign-key share locks of new holds). */
export async function lockShow(db: DbOrTx, id: string): Promise<void> {
  await db.select({ id: shows.id }).from(shows).where(eq(shows.id, id)).for('update');
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

/** Already validated by the domain; `to` is exclusive. */
export interface ShowListFilter {
  cityId?: string;
  eventId?: string;
  venueId?: string;
  from: Date;
  /** False for "not started yet" (startsAt > from), the default list. */
  fromInclusive: boolean;
  to?: Date;
}

/**
 * One keyset page of scheduled (not cancelled) shows ordered by (startsAt, id). Venue and city
 * filters go through the screen, since a show only knows its screen.
 */
export async function findShowsPage(
  db: DbOrTx,
  filter: ShowListFilter,
  after: { startsAt: Date; id: string } | undefined,
  limit: number,
): Promise<ShowRow[]> {
  const screensOf = (venueCondition: SQL) =>
    inArray(shows.screenId, db.select({ id: screens.id }).from(screens).where(venueCondition));
  const cityVenues = filter.cityId
    ? db.select({ id: venues.id }).from(venues).where(eq(venues.cityId, filter.cityId))
    : undefined;
  return db
    .select()
    .from(shows)
    .where(
      and(
        ne(shows.status, 'CANCELLED'),
        filter.fromInclusive
          ? sql`${shows.startsAt} >= ${filter.from.toISOString()}::timestamptz`
          : sql`${shows.startsAt} > ${filter.from.toISOString()}::timestamptz`,
        filter.to ? sql`${shows.startsAt} < ${filter.to.toISOString()}::timestamptz` : undefined,
        filter.eventId ? eq(shows.eventId, filter.eventId) : undefined,
        filter.venueId ? screensOf(eq(screens.venueId, filter.venueId)) : undefined,
        cityVenues ? screensOf(inArray(screens.venueId, cityVenues)) : undefined,
        after
          ? sql`(${shows.startsAt}, ${shows.id}) > (${after.startsAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(asc(shows.startsAt), asc(shows.id))
    .limit(limit);
}
