import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.js';

/**
 * Counts seats that were ever held or booked twice at once, two ways: the current state (a seat
 * in two active holds or two live bookings, a HELD seat whose hold is not active) and a replay
 * of the show's whole change log (a seat going HELD or BOOKED while already HELD or BOOKED by
 * another transaction's hold, which the benchmark's hold/release traffic never does legitimately).
 */
export async function countDoubleBookings(
  db: Db,
  showId: string,
): Promise<{ now: number; history: number; versions: number }> {
  const [current] = await db.execute<{ n: number }>(sql`
    select (
      (select count(*) from (select show_seat_id from hold_seats where active group by 1 having count(*) > 1) x) +
      (select count(*) from (select show_seat_id from booking_seats where live group by 1 having count(*) > 1) y) +
      (select count(*) from show_seats ss join holds h on h.id = ss.hold_id where ss.show_id = ${showId} and h.status <> 'ACTIVE')
    )::int as n`);
  const state = new Map<string, string>();
  const doubled = new Set<string>();
  let versions = 0;
  let lastId = 0;
  for (;;) {
    const page = await db.execute<{
      id: number;
      version: number;
      seats: { id: string; status: string }[];
    }>(sql`
      select id::int as id, version, seats from seat_changes where show_id = ${showId} and id > ${lastId} order by id limit 5000`);
    if (page.length === 0) break;
    for (const change of page) {
      versions += 1;
      for (const seat of change.seats) {
        const before = state.get(seat.id);
        if (
          (seat.status === 'HELD' || seat.status === 'BOOKED') &&
          (before === 'HELD' || before === 'BOOKED')
        )
          doubled.add(seat.id);
        state.set(seat.id, seat.status);
      }
    }
    lastId = page.at(-1)!.id;
  }
  return { now: current!.n, history: doubled.size, versions };
}
