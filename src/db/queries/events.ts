import { and, arrayContains, asc, eq, exists, ilike, inArray, isNull, ne, sql, type SQL } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { events, screens, shows, venues, type EventRow } from '../schema/index.js';

export type NewEvent = Omit<EventRow, 'id' | 'createdAt' | 'archivedAt'>;

export async function insertEvent(db: DbOrTx, values: NewEvent): Promise<EventRow> {
  const [row] = await db.insert(events).values(values).returning();
  if (!row) throw new Error('insert into events returned no row');
  return row;
}

export async function findEventsByIds(db: DbOrTx, ids: readonly string[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(events)
    .where(inArray(events.id, [...ids]));
}

export async function lockEvent(db: DbOrTx, id: string): Promise<EventRow | undefined> {
  const [row] = await db.select().from(events).where(eq(events.id, id)).for('no key update');
  return row;
}

export async function updateEvent(db: DbOrTx, id: string, values: Partial<NewEvent>): Promise<EventRow> {
  const [row] = await db.update(events).set(values).where(eq(events.id, id)).returning();
  if (!row) throw new Error(`event ${id} vanished while locked`);
  return row;
}

export async function markEventArchived(db: DbOrTx, id: string, at: Date): Promise<EventRow> {
  const [row] = await db.update(events).set({ archivedAt: at }).where(eq(events.id, id)).returning();
  if (!row) throw new Error(`event ${id} vanished while locked`);
  return row;
}

/** Already validated and normalised by the domain. */
export interface EventListFilter {
  kind?: EventRow['kind'];
  /** Lower-case, as stored. */
  genre?: string;
  /** Compared case-insensitively (BCP-47 tags are). */
  language?: string;
  /** Substring of the title, case-insensitive; LIKE wildcards are matched literally. */
  search?: string;
  /** Only events with a show in this city that is neither cancelled nor started at `now`. */
  upcomingIn?: { cityId: string; now: Date };
}

/** One keyset page ordered by (title, id): rows strictly after `after`, at most `limit`. */
export async function findEventsPage(
  db: DbOrTx,
  filter: EventListFilter,
  after: { title: string; id: string } | undefined,
  limit: number,
): Promise<EventRow[]> {
  const where: (SQL | undefined)[] = [
    isNull(events.archivedAt),
    filter.kind ? eq(events.kind, filter.kind) : undefined,
    filter.genre ? arrayContains(events.genres, [filter.genre]) : undefined,
    filter.language ? sql`lower(${events.language}) = ${filter.language.toLowerCase()}` : undefined,
    filter.search ? ilike(events.title, `%${escapeLike(filter.search)}%`) : undefined,
    filter.upcomingIn ? hasUpcomingShowIn(db, filter.upcomingIn.cityId, filter.upcomingIn.now) : undefined,
    after ? sql`(${events.title}, ${events.id}) > (${after.title}, ${after.id}::uuid)` : undefined,
  ];
  return db
    .select()
    .from(events)
    .where(and(...where))
    .orderBy(asc(events.title), asc(events.id))
    .limit(limit);
}

function hasUpcomingShowIn(db: DbOrTx, cityId: string, now: Date): SQL {
  return exists(
    db
      .select({ one: sql`1` })
      .from(shows)
      .innerJoin(screens, eq(screens.id, shows.screenId))
      .innerJoin(venues, eq(venues.id, screens.venueId))
      .where(
        and(
          eq(shows.eventId, events.id),
          eq(venues.cityId, cityId),
          ne(shows.status, 'CANCELLED'),
          isNull(shows.archivedAt),
          sql`${shows.startsAt} > ${now.toISOString()}::timestamptz`,
        ),
      ),
  );
}

/** Makes `%`, `_` and `\` match themselves in a LIKE pattern (backslash is the default escape). */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
