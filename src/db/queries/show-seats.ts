import { inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { shows, showSeats } from '../schema/index.js';
import { uuidArray } from './sql-helpers.js';

export type SeatStatus = 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';

/** A seat of a seat map: [showSeatId, label, row, number, section, status, accessible, x, y]. */
export type SeatTuple = [string, string, string, number, string, SeatStatus, boolean, number, number];

export interface SeatMapRow {
  showId: string;
  version: number;
  currency: string;
  /** [section, tier, amount], in layout order. */
  prices: [string, string, number][];
  /** In layout order: front to back (y), then left to right (x). */
  seats: SeatTuple[];
}

/**
 * Everything a seat map needs, one row per show, in ONE statement: the version and the seat
 * statuses come from the same snapshot, so a client that subscribes after `version` misses
 * nothing. Seats travel as JSON arrays: one compact value to parse instead of 500 rows of 9
 * typed columns. A HELD seat whose hold expired by `now` is reported AVAILABLE (lazy reclaim).
 */
export async function findSeatMapsByShowIds(
  db: DbOrTx,
  showIds: readonly string[],
  now: Date,
): Promise<SeatMapRow[]> {
  if (showIds.length === 0) return [];
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const rows = await db.execute(sql`
    select sh.id as "showId", v.version as "version", sh.currency as "currency",
      coalesce((select json_agg(json_build_array(p.section, p.tier, p.amount) order by p.sort_order)
                from show_prices p where p.show_id = sh.id), '[]') as "prices",
      coalesce((select json_agg(json_build_array(ss.id, s.label, s."row", s.number, ss.section,
                  case when ss.status = 'HELD' and ss.hold_expires_at <= ${nowTs} then 'AVAILABLE'
                       else ss.status::text end,
                  s.accessible, s.x, s.y) order by s.y, s.x)
                from show_seats ss join seats s on s.id = ss.seat_id where ss.show_id = sh.id), '[]') as "seats"
    from ${shows} sh join show_seat_versions v on v.show_id = sh.id where sh.id in (${sql.join(
      showIds.map((id) => sql`${id}::uuid`),
      sql`, `,
    )})`);
  return rows as unknown as SeatMapRow[];
}

export interface SeatCountsRow {
  showId: string;
  total: number;
  available: number;
  held: number;
  booked: number;
}

/** Seat counts of many shows in one grouped statement; expired holds count as available. */
export async function countSeatsByShowIds(
  db: DbOrTx,
  showIds: readonly string[],
  now: Date,
): Promise<SeatCountsRow[]> {
  if (showIds.length === 0) return [];
  const expired = sql`${showSeats.holdExpiresAt} <= ${now.toISOString()}::timestamptz`;
  return db
    .select({
      showId: showSeats.showId,
      total: sql<number>`(count(*) filter (where ${showSeats.status} <> 'BLOCKED'))::int`,
      available: sql<number>`(count(*) filter (where ${showSeats.status} = 'AVAILABLE'
        or (${showSeats.status} = 'HELD' and ${expired})))::int`,
      held: sql<number>`(count(*) filter (where ${showSeats.status} = 'HELD' and not (${expired})))::int`,
      booked: sql<number>`(count(*) filter (where ${showSeats.status} = 'BOOKED'))::int`,
    })
    .from(showSeats)
    .where(inArray(showSeats.showId, [...showIds]))
    .groupBy(showSeats.showId);
}

/**
 * The next instant (after `now`) at which a show read now changes without a new seat version, or
 * null: the earliest running hold's expiry (its seats then read AVAILABLE: lazy reclaim), or a
 * boundary of the sales window or the start (`onSale` and the status flip then).
 */
export async function findNextTimedChange(db: DbOrTx, showId: string, now: Date): Promise<Date | null> {
  const nowTs = sql`${now.toISOString()}::timestamptz`;
  const [row] = await db.execute<{ next: string | null }>(sql`
    select least(
      (select min(hold_expires_at) from show_seats
        where show_id = ${showId}::uuid and status = 'HELD' and hold_expires_at > ${nowTs}),
      (select min(t) from shows, unnest(array[sales_start_at, sales_end_at, starts_at]) as t
        where id = ${showId}::uuid and t > ${nowTs})) as "next"`);
  return row?.next ? new Date(row.next) : null;
}

/**
 * Blocks the listed seats of a show that are free at `now`: AVAILABLE, or held by a hold that has
 * expired (lazy reclaim: that hold lets go of them, as when a new hold takes them). Row locks in id
 * order, like every seat transaction; returns the ids it blocked.
 */
export async function blockFreeSeats(
  tx: DbOrTx,
  showId: string,
  seatIds: readonly string[],
  now: Date,
): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    with target as (
      select ss.id, ss.hold_id from unnest(${uuidArray(seatIds)}) as q(id) join show_seats ss on ss.id = q.id
      where ss.show_id = ${showId}
        and (ss.status = 'AVAILABLE' or (ss.status = 'HELD' and ss.hold_expires_at <= ${now.toISOString()}::timestamptz))
      order by ss.id for update of ss
    ), blocked as (
      update show_seats s set status = 'BLOCKED', hold_id = null, hold_expires_at = null
      from target where s.id = target.id returning s.id, target.hold_id as reclaimed_from
    ), let_go as (
      update hold_seats set active = false
      where show_seat_id in (select id from blocked where reclaimed_from is not null) and active
    )
    select id from blocked`);
  return rows.map((r) => r.id);
}

/**
 * Makes the listed seats of a show sellable again where they are BLOCKED for this show only (a
 * seat the screen's layout blocks stays blocked); returns the ids it unblocked.
 */
export async function unblockSeats(
  tx: DbOrTx,
  showId: string,
  seatIds: readonly string[],
): Promise<string[]> {
  const rows = await tx.execute<{ id: string }>(sql`
    with target as (
      select ss.id from unnest(${uuidArray(seatIds)}) as q(id)
        join show_seats ss on ss.id = q.id join seats s on s.id = ss.seat_id
      where ss.show_id = ${showId} and ss.status = 'BLOCKED' and not s.blocked
      order by ss.id for update of ss
    )
    update show_seats s set status = 'AVAILABLE' from target where s.id = target.id returning s.id`);
  return rows.map((r) => r.id);
}
