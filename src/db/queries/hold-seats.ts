import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { ts, uuidArray } from './sql-helpers.js';

export type RequestedSeat = {
  id: string;
  showId: string;
  section: string;
  status: 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';
  /** For HELD seats: when the hold ends and whose it is. */
  holdExpiresAt: string | null;
  holdUserId: string | null;
};

/** The requested seats as they are now (unknown ids, other shows, a quick availability check). */
export async function findShowSeatsByIds(db: DbOrTx, ids: readonly string[]): Promise<RequestedSeat[]> {
  return db.execute<RequestedSeat>(sql`
    select ss.id, ss.show_id as "showId", ss.section, ss.status,
           ss.hold_expires_at as "holdExpiresAt", h.user_id as "holdUserId"
    from show_seats ss left join holds h on h.id = ss.hold_id
    where ss.id = any(${uuidArray(ids)})`);
}

/**
 * Takes the seats that are free at `now` (AVAILABLE, or HELD by a hold that has expired: lazy
 * reclaim) for `holdId`. Row locks are taken in id order, so overlapping holds never deadlock;
 * a loser waits for the winner's commit, re-checks the condition and skips the seat.
 * Returns the seats taken, with the hold they were reclaimed from, if any.
 */
export async function acquireSeats(
  tx: DbOrTx,
  args: { showId: string; seatIds: readonly string[]; holdId: string; expiresAt: Date; now: Date },
): Promise<{ id: string; reclaimedFrom: string | null }[]> {
  return tx.execute<{ id: string; reclaimedFrom: string | null }>(sql`
    with target as (
      select id, hold_id from show_seats
      where show_id = ${args.showId} and id = any(${uuidArray(args.seatIds)})
        and (status = 'AVAILABLE' or (status = 'HELD' and hold_expires_at <= ${ts(args.now)}))
      order by id
      for update
    )
    update show_seats s
    set status = 'HELD', hold_id = ${args.holdId}, hold_expires_at = ${ts(args.expiresAt)}
    from target where s.id = target.id
    returning s.id, target.hold_id as "reclaimedFrom"`);
}

/** Frees every seat still held by these holds; returns them with their show. */
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
    )
    update show_seats s set status = 'AVAILABLE', hold_id = null, hold_expires_at = null
    from target where s.id = target.id
    returning s.id, s.show_id as "showId"`);
}

/** Moves the expiry of a hold's seats along with the hold (extendHold). */
export async function setHeldSeatsExpiry(tx: DbOrTx, holdId: string, expiresAt: Date): Promise<void> {
  await tx.execute(sql`
    update show_seats set hold_expires_at = ${ts(expiresAt)} where hold_id = ${holdId} and status = 'HELD'`);
}

export async function insertHoldSeats(
  tx: DbOrTx,
  holdId: string,
  seats: readonly { id: string; priceAmount: number }[],
): Promise<void> {
  await tx.execute(sql`
    insert into hold_seats (hold_id, show_seat_id, price_amount)
    select ${holdId}, s.id, s.price
    from unnest(${uuidArray(seats.map((s) => s.id))}, ${sql.param(seats.map((s) => s.priceAmount))}::int[]) as s(id, price)`);
}

/** Deactivates hold_seats rows: of whole holds, or of single seats taken over from expired holds. */
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
      select ss.section, s.screen_id, s.x, s.y from show_seats ss join seats s on s.id = ss.seat_id
      where ss.id = any(${uuidArray(seatIds)}) and ss.show_id = ${showId}
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
