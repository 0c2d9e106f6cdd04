import { count, eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  screens,
  seats,
  shows,
  type ScreenRow,
  type ScreenSectionLayout,
  type SeatRow,
} from '../schema/index.js';

export type NewSeat = Omit<SeatRow, 'id' | 'screenId'>;

// postgres.js allows 65,535 bind parameters per statement; a seat row binds 9.
const SEAT_CHUNK = 5000;

/** Inserts a screen and all its seats (call inside a transaction). */
export async function insertScreenWithSeats(
  tx: DbOrTx,
  screen: { venueId: string; name: string; layout: ScreenSectionLayout[]; capacity: number },
  newSeats: NewSeat[],
): Promise<ScreenRow | undefined> {
  const [row] = await tx.insert(screens).values(screen).onConflictDoNothing().returning();
  if (!row) return undefined;
  for (let i = 0; i < newSeats.length; i += SEAT_CHUNK) {
    const chunk = newSeats.slice(i, i + SEAT_CHUNK).map((s) => ({ ...s, screenId: row.id }));
    await tx.insert(seats).values(chunk);
  }
  return row;
}

export async function findScreensByIds(db: DbOrTx, ids: readonly string[]): Promise<ScreenRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(screens)
    .where(inArray(screens.id, [...ids]));
}

export async function findScreensByVenueIds(db: DbOrTx, venueIds: readonly string[]): Promise<ScreenRow[]> {
  if (venueIds.length === 0) return [];
  return db
    .select()
    .from(screens)
    .where(inArray(screens.venueId, [...venueIds]))
    .orderBy(screens.name);
}

/**
 * Seats of a show's screen, blocked ones included: every seat its seat map lists (a show's
 * inventory is its screen's seats). 0 for an unknown show.
 */
export async function countSeatsOfShow(db: DbOrTx, showId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(seats)
    .where(
      inArray(seats.screenId, db.select({ id: shows.screenId }).from(shows).where(eq(shows.id, showId))),
    );
  return row?.n ?? 0;
}

/**
 * The most seats a screen has, blocked ones included; 0 without screens. Read from the layouts
 * (a screen's seats are expanded from its layout when it is created): one small row per screen
 * instead of every seat of the catalog.
 */
export async function findLargestScreenSeats(db: DbOrTx): Promise<number> {
  const [row] = await db
    .select({
      seats: sql<number | null>`max((select sum((r ->> 'seats')::int)
        from jsonb_array_elements(${screens.layout}) s, jsonb_array_elements(s -> 'rows') r))::int`,
    })
    .from(screens);
  return row?.seats ?? 0;
}
