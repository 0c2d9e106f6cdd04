import { and, asc, eq, getTableColumns, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  events,
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
import { ts } from './sql-helpers.js';

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

/** Locks an event's shows exclusively, in id order (archiving them must keep new holds out). */
export async function lockShowsOfEvent(db: DbOrTx, eventId: string): Promise<string[]> {
  const rows = await db
    .select({ id: shows.id })
    .from(shows)
    .where(eq(shows.eventId, eventId))
    .orderBy(asc(shows.id))
    .for('update');
  return rows.map((r) => r.id);
}

/** A show with the venue it plays at (through its screen). */
export type ShowAtVenue = ShowRow & { venueId: string };

/**
 * Locks a show row and returns it with its venue. `exclusive` also waits for, and blocks, holds
 * being placed (their foreign keys share-lock the show): for changes that end the show's holds.
 */
export async function lockShowAtVenue(
  db: DbOrTx,
  id: string,
  { exclusive }: { exclusive: boolean },
): Promise<ShowAtVenue | undefined> {
  const [row] = await db
    .select({ ...getTableColumns(shows), venueId: screens.venueId })
    .from(shows)
    .innerJoin(screens, eq(screens.id, shows.screenId))
    .where(eq(shows.id, id))
    .for(exclusive ? 'update' : 'no key update', { of: shows });
  return row;
}

/** Whether any of these shows has a booking that is paid or waiting for its payment. */
export async function hasLiveBookings(
  db: DbOrTx,
  where: { showId: string } | { eventId: string },
): Promise<boolean> {
  const [row] = await db.execute<{ live: boolean }>(sql`
    select exists (
      select 1 from bookings b join shows s on s.id = b.show_id
      where ${'showId' in where ? sql`s.id = ${where.showId}` : sql`s.event_id = ${where.eventId}`}
        and b.status in ('CONFIRMED', 'PENDING_PAYMENT')) as live`);
  return row?.live ?? false;
}

/** The venues an event's shows play at (cancelled and archived shows included). */
export async function findVenueIdsOfEvent(db: DbOrTx, eventId: string): Promise<string[]> {
  const rows = await db
    .selectDistinct({ venueId: screens.venueId })
    .from(shows)
    .innerJoin(screens, eq(screens.id, shows.screenId))
    .where(eq(shows.eventId, eventId));
  return rows.map((r) => r.venueId);
}

/** Already validated by the domain; `to` is exclusive. */
export interface ShowListFilter {
  cityId?: string;
  eventId?: string;
  venueId?: string;
  /** Only shows selling at `from`'s reference instant (`now`). */
  onSaleAt?: Date;
  from: Date;
  /** False for "not started yet" (startsAt > from), the default list. */
  fromInclusive: boolean;
  to?: Date;
}

/**
 * One keyset page of scheduled (not cancelled, not archived) shows ordered by (startsAt, id). Venue and city
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
        isNull(shows.archivedAt),
        filter.onSaleAt
          ? sql`boxoffice_on_sale(${shows.status}, ${shows.archivedAt}, ${shows.startsAt}, ${shows.salesStartAt}, ${shows.salesEndAt}, ${ts(filter.onSaleAt)})`
          : undefined,
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

/** The show whose sales open next after `now`, with its event's title and its venue's name. */
export async function findNextSalesOpening(
  db: DbOrTx,
  now: Date,
): Promise<
  { id: string; title: string; venue: string; startsAt: Date; salesStartAt: Date | null } | undefined
> {
  const [row] = await db
    .select({
      id: shows.id,
      title: events.title,
      venue: venues.name,
      startsAt: shows.startsAt,
      salesStartAt: shows.salesStartAt,
    })
    .from(shows)
    .innerJoin(events, eq(events.id, shows.eventId))
    .innerJoin(screens, eq(screens.id, shows.screenId))
    .innerJoin(venues, eq(venues.id, screens.venueId))
    .where(
      and(eq(shows.status, 'SCHEDULED'), isNull(shows.archivedAt), sql`${shows.salesStartAt} > ${ts(now)}`),
    )
    .orderBy(asc(shows.salesStartAt), asc(shows.id))
    .limit(1);
  return row;
}

/** Shows with the venue each plays at, without locking them. */
export async function findShowsAtVenue(db: DbOrTx, ids: readonly string[]): Promise<ShowAtVenue[]> {
  if (ids.length === 0) return [];
  return db
    .select({ ...getTableColumns(shows), venueId: screens.venueId })
    .from(shows)
    .innerJoin(screens, eq(screens.id, shows.screenId))
    .where(inArray(shows.id, [...ids]));
}
