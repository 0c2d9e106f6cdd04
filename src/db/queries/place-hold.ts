import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import type { SeatChangeEntry } from '../schema/index.js';
import { ts, uuidArray } from './sql-helpers.js';

/**
 * The statements of one holdSeats call, shaped for few round trips: a hold is the hottest write
 * of an on-sale, and each round trip holds a pooled connection (and seat row locks) longer.
 */

export type RequestedSeat = {
  id: string;
  showId: string;
  section: string;
  status: 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';
  /** For HELD seats: when the hold ends and whose it is. */
  holdExpiresAt: string | null;
  holdUserId: string | null;
};

export interface HoldRequestContext {
  show: { id: string; status: 'SCHEDULED' | 'CANCELLED'; startsAt: Date; currency: string };
  prices: Record<string, number>;
  seats: RequestedSeat[];
}

/** The show, its section prices and the requested seats as they are now, in one statement. */
export async function findHoldRequestContext(
  db: DbOrTx,
  showId: string,
  seatIds: readonly string[],
): Promise<HoldRequestContext | undefined> {
  const [row] = await db.execute<{
    id: string;
    status: 'SCHEDULED' | 'CANCELLED';
    startsAt: string;
    currency: string;
    prices: Record<string, number> | null;
    seats: RequestedSeat[] | null;
  }>(sql`
    select sh.id, sh.status, sh.starts_at as "startsAt", sh.currency,
      (select json_object_agg(p.section, p.amount) from show_prices p where p.show_id = sh.id) as prices,
      (select json_agg(json_build_object('id', ss.id, 'showId', ss.show_id, 'section', ss.section,
                'status', ss.status, 'holdExpiresAt', ss.hold_expires_at, 'holdUserId', h.user_id))
         from show_seats ss left join holds h on h.id = ss.hold_id
        where ss.id = any(${uuidArray(seatIds)})) as seats
    from shows sh where sh.id = ${showId}`);
  if (!row) return undefined;
  return {
    show: { id: row.id, status: row.status, startsAt: new Date(row.startsAt), currency: row.currency },
    prices: row.prices ?? {},
    seats: row.seats ?? [],
  };
}

/**
 * Serialises one user's hold transactions (limits are checked under this lock) and returns the
 * user's holds active at `now` on other shows, and the active hold on this show (replaced).
 * FOR NO KEY UPDATE does not block other transactions' foreign-key checks on the user row.
 */
export async function lockUserForHold(
  tx: DbOrTx,
  userId: string,
  showId: string,
  now: Date,
): Promise<{ activeElsewhere: number; previousHoldId: string | null } | undefined> {
  const [row] = await tx.execute<{ activeElsewhere: number; previousHoldId: string | null }>(sql`
    select (select count(*)::int from holds h
             where h.user_id = u.id and h.status = 'ACTIVE' and h.expires_at > ${ts(now)}
               and h.show_id <> ${showId}) as "activeElsewhere",
           (select h.id from holds h
             where h.user_id = u.id and h.show_id = ${showId} and h.status = 'ACTIVE') as "previousHoldId"
    from users u where u.id = ${userId}
    for no key update of u`);
  return row;
}

/** Ends the hold that a new hold on the same show replaces (its seats are freed separately). */
export async function endReplacedHold(tx: DbOrTx, holdId: string, now: Date): Promise<void> {
  await tx.execute(sql`
    update holds
    set status = (case when expires_at <= ${ts(now)} then 'EXPIRED' else 'RELEASED' end)::hold_status,
        ended_at = ${ts(now)}
    where id = ${holdId} and status = 'ACTIVE'`);
}

/**
 * Inserts the hold and takes the seats that are free at `now` (AVAILABLE, or HELD by a hold that
 * has expired: lazy reclaim). Row locks are taken in id order, so overlapping holds never
 * deadlock; a loser waits for the winner's commit, re-checks the condition and skips the seat.
 * Returns the seats taken, with the hold each was reclaimed from, if any.
 */
export async function insertHoldAndTakeSeats(
  tx: DbOrTx,
  hold: {
    id: string;
    userId: string;
    showId: string;
    expiresAt: Date;
    totalAmount: number;
    currency: string;
    createdAt: Date;
  },
  seatIds: readonly string[],
  now: Date,
): Promise<{ id: string; reclaimedFrom: string | null }[]> {
  return tx.execute<{ id: string; reclaimedFrom: string | null }>(sql`
    with h as (
      insert into holds (id, user_id, show_id, expires_at, total_amount, currency, created_at)
      values (${hold.id}, ${hold.userId}, ${hold.showId}, ${ts(hold.expiresAt)}, ${hold.totalAmount},
              ${hold.currency}, ${ts(hold.createdAt)})
      returning id
    ), target as (
      select id, hold_id from show_seats
      where show_id = ${hold.showId} and id = any(${uuidArray(seatIds)})
        and (status = 'AVAILABLE' or (status = 'HELD' and hold_expires_at <= ${ts(now)}))
      order by id
      for update
    )
    update show_seats s
    set status = 'HELD', hold_id = (select id from h), hold_expires_at = ${ts(hold.expiresAt)}
    from target where s.id = target.id
    returning s.id, target.hold_id as "reclaimedFrom"`);
}

/**
 * Records the hold's seats with their quoted prices and appends the change to the log, in one
 * statement; the log row is only written while the show sells at `now` (see recordSeatChange).
 * Returns false when the show stopped selling (a concurrent cancel).
 */
export async function recordHeldSeats(
  tx: DbOrTx,
  a: {
    holdId: string;
    showId: string;
    quote: { id: string; priceAmount: number }[];
    change: SeatChangeEntry[];
    now: Date;
  },
): Promise<boolean> {
  const rows = await tx.execute<{ id: number }>(sql`
    with seats as (
      insert into hold_seats (hold_id, show_seat_id, price_amount)
      select ${a.holdId}, q.id, q.price
      from unnest(${uuidArray(a.quote.map((q) => q.id))}, ${sql.param(a.quote.map((q) => q.priceAmount))}::int[]) as q(id, price)
    )
    insert into seat_changes (show_id, cause, seats)
    select ${a.showId}, 'HOLD', ${JSON.stringify(a.change)}::jsonb
    where exists (select 1 from shows where id = ${a.showId} and status = 'SCHEDULED' and starts_at > ${ts(a.now)})
    returning id::int as id`);
  return rows.length === 1;
}
