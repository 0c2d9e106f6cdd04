import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { ts, uuidArray } from './sql-helpers.js';

/**
 * Frees every seat still held by these holds and deactivates their hold_seats rows, in one
 * statement; returns the freed seats with their show. Seats are locked in id order.
 */
export async function releaseSeatsOfHolds(
  tx: DbOrTx,
  holdIds: readonly string[],
): Promise<{ id: string; showId: string }[]> {
  if (holdIds.length === 0) return [];
  return tx.execute<{ id: string; showId: string }>(sql`
    with target as (
      select id from show_seats where hold_id = any(${uuidArray(holdIds)}) and status = 'HELD'
      order by id
      for update
    ), inactive as (
      update hold_seats set active = false where hold_id = any(${uuidArray(holdIds)}) and active
    )
    update show_seats s set status = 'AVAILABLE', hold_id = null, hold_expires_at = null
    from target where s.id = target.id
    returning s.id, s.show_id as "showId"`);
}

/**
 * Locks the seats a hold still holds, in id order as every seat transaction locks them, and
 * counts them against the seats it was placed with. A seat a new hold took over from this one
 * (lazy reclaim of an expired hold) is no longer held by it; one being taken right now is
 * waited for and then no longer matches. Once locked, no other hold can take them until commit.
 */
export async function lockSeatsOfHold(tx: DbOrTx, holdId: string): Promise<{ held: number; placed: number }> {
  const [row] = await tx.execute<{ held: number; placed: number }>(sql`
    with held as (
      select id from show_seats where hold_id = ${holdId} and status = 'HELD' order by id for update
    )
    select (select count(*)::int from held) as held,
           (select count(*)::int from hold_seats where hold_id = ${holdId}) as placed`);
  return row!;
}

/** Moves the expiry of a hold's seats along with the hold (extendHold). */
export async function setHeldSeatsExpiry(tx: DbOrTx, holdId: string, expiresAt: Date): Promise<void> {
  await tx.execute(sql`
    update show_seats set hold_expires_at = ${ts(expiresAt)} where hold_id = ${holdId} and status = 'HELD'`);
}

/**
 * Deactivates hold_seats rows: of single seats taken over from expired holds (or of whole holds,
 * which releaseSeatsOfHolds already does with their seats).
 */
export async function deactivateHoldSeats(
  tx: DbOrTx,
  by: { holdIds?: readonly string[]; showSeatIds?: readonly string[] },
): Promise<void> {
  if (by.holdIds?.length) {
    await tx.execute(sql`
      update hold_seats set active = false where hold_id = any(${uuidArray(by.holdIds)}) and active`);
  }
  if (by.showSeatIds?.length) {
    await tx.execute(sql`
      update hold_seats set active = false where show_seat_id = any(${uuidArray(by.showSeatIds)}) and active`);
  }
}

export type SeatPlace = {
  id: string;
  section: string;
  row: string;
  number: number;
  x: number;
  y: number;
  free: boolean;
};

/**
 * Free/taken state at `now` of the seats around the requested ones: same sections, within
 * `rows` rows and `seats` seats of them (bounded, so big halls stay cheap for the losers).
 */
export async function findSeatPlacesAround(
  db: DbOrTx,
  showId: string,
  seatIds: readonly string[],
  now: Date,
  window = { rows: 3, seats: 20 },
): Promise<SeatPlace[]> {
  return db.execute<SeatPlace>(sql`
    with wanted as (
      select ss.section, s.screen_id, s.x, s.y from unnest(${uuidArray(seatIds)}) as q(id)
        join show_seats ss on ss.id = q.id join seats s on s.id = ss.seat_id
      where ss.show_id = ${showId}
    )
    select ss.id, ss.section, s.row, s.number, s.x, s.y,
           (ss.status = 'AVAILABLE' or (ss.status = 'HELD' and ss.hold_expires_at <= ${ts(now)})) as free
    from seats s
    join show_seats ss on ss.seat_id = s.id and ss.show_id = ${showId}
    where s.screen_id = (select screen_id from wanted limit 1)
      and s.y between (select min(y) from wanted) - ${window.rows} and (select max(y) from wanted) + ${window.rows}
      and s.x between (select min(x) from wanted) - ${window.seats} and (select max(x) from wanted) + ${window.seats}
      and ss.section in (select section from wanted)`);
}
