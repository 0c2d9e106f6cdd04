import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { ts, uuidArray } from './sql-helpers.js';

/** A booking gets its hold's seats at the prices quoted when the hold was placed. */
export async function insertBookingSeatsOfHold(
  tx: DbOrTx,
  bookingId: string,
  holdId: string,
  live: boolean,
): Promise<void> {
  await tx.execute(sql`
    insert into booking_seats (booking_id, show_seat_id, price_amount, live)
    select ${bookingId}, show_seat_id, price_amount, ${live} from hold_seats where hold_id = ${holdId}
    on conflict (booking_id, show_seat_id) do update set live = excluded.live`);
}

/**
 * Books the seats of a hold for `bookingId`: each must be held by that hold, or free at `now`
 * (AVAILABLE, or held by a hold that has expired: a payment that lands after its hold ran out
 * gets the same seats if nobody else has them). Locks in id order like every seat transaction;
 * seats taken over from other expired holds leave those holds. The caller compares `taken` with
 * `wanted` and rolls back when a seat was gone (all or nothing).
 */
export async function takeSeatsForBooking(
  tx: DbOrTx,
  a: { showId: string; holdId: string; bookingId: string; now: Date },
): Promise<{ wanted: number; taken: string[] }> {
  const [row] = await tx.execute<{ wanted: number; taken: string[] }>(sql`
    with wanted as (
      select show_seat_id as id from hold_seats where hold_id = ${a.holdId}
    ), target as (
      select ss.id from show_seats ss
      where ss.id in (select id from wanted) and ss.show_id = ${a.showId}
        and (ss.status = 'AVAILABLE'
          or (ss.status = 'HELD' and (ss.hold_id = ${a.holdId} or ss.hold_expires_at <= ${ts(a.now)})))
      order by ss.id
      for update
    ), taken as (
      update show_seats s set status = 'BOOKED', booking_id = ${a.bookingId}, hold_id = null, hold_expires_at = null
      from target where s.id = target.id
      returning s.id
    ), inactive as (
      update hold_seats set active = false where active and show_seat_id in (select id from taken)
    )
    select (select count(*) from wanted)::int as wanted,
           coalesce((select array_agg(id::text) from taken), '{}') as taken`);
  return { wanted: row?.wanted ?? 0, taken: row?.taken ?? [] };
}

export async function setBookingSeatsLive(tx: DbOrTx, bookingId: string, live: boolean): Promise<void> {
  await tx.execute(sql`update booking_seats set live = ${live} where booking_id = ${bookingId}`);
}

/** Puts the seats of cancelled bookings back on sale; returns them with their show. */
export async function releaseSeatsOfBookings(
  tx: DbOrTx,
  bookingIds: readonly string[],
): Promise<{ id: string; showId: string }[]> {
  if (bookingIds.length === 0) return [];
  return tx.execute<{ id: string; showId: string }>(sql`
    with target as (
      select id from show_seats where booking_id = any(${uuidArray(bookingIds)}) and status = 'BOOKED'
      order by id
      for update
    ), dead as (
      update booking_seats set live = false where booking_id = any(${uuidArray(bookingIds)}) and live
    )
    update show_seats s set status = 'AVAILABLE', booking_id = null
    from target where s.id = target.id
    returning s.id, s.show_id as "showId"`);
}

/**
 * What a buyer already has of a show, for the event's purchase cap: seats in live bookings plus
 * seats of a running hold other than `exceptHoldId`, with the cap and the buyer's role. Locks the
 * buyer's row first, as placing a hold does, so the two are never counted concurrently.
 */
export async function lockBuyerTickets(
  tx: DbOrTx,
  a: { userId: string; showId: string; exceptHoldId: string; now: Date },
): Promise<{ role: 'CUSTOMER' | 'ADMIN'; owned: number; limit: number } | undefined> {
  const [row] = await tx.execute<{ role: 'CUSTOMER' | 'ADMIN'; owned: number; limit: number }>(sql`
    with buyer as (select id, role from users where id = ${a.userId} for no key update)
    select buyer.role,
      (select count(*)::int from booking_seats bs join bookings b on b.id = bs.booking_id
        where b.user_id = buyer.id and b.show_id = ${a.showId} and bs.live)
      + (select count(*)::int from hold_seats hs join holds h on h.id = hs.hold_id
        where h.user_id = buyer.id and h.show_id = ${a.showId} and h.status = 'ACTIVE' and hs.active
          and h.expires_at > ${ts(a.now)} and h.id <> ${a.exceptHoldId}) as owned,
      (select e.max_tickets_per_user from shows s join events e on e.id = s.event_id
        where s.id = ${a.showId}) as "limit"
    from buyer`);
  return row;
}

export async function countSeatsOfHold(tx: DbOrTx, holdId: string): Promise<number> {
  const [row] = await tx.execute<{ n: number }>(
    sql`select count(*)::int as n from hold_seats where hold_id = ${holdId}`,
  );
  return row?.n ?? 0;
}
