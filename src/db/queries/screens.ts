import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { screens, seats, type ScreenRow, type ScreenSectionLayout, type SeatRow } from '../schema/index.js';

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
