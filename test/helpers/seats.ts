import { sql } from 'drizzle-orm';
import type { Harness } from './harness.js';

export type SeatState = {
  id: string;
  label: string;
  section: string;
  status: 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';
  holdId: string | null;
  holdExpiresAt: string | null;
};

/** The stored seat states of a show (not the API view), ordered by label. */
export async function seatStates(h: Harness, showId: string): Promise<SeatState[]> {
  return h.db.db.execute<SeatState>(sql`
    select ss.id, s.label, ss.section, ss.status, ss.hold_id as "holdId", ss.hold_expires_at as "holdExpiresAt"
    from show_seats ss join seats s on s.id = ss.seat_id
    where ss.show_id = ${showId} order by s.y, s.x`);
}

/** Runs the sequencer until every committed change has its version (the worker does this live). */
export async function settle(h: Harness): Promise<void> {
  while ((await h.services.seatChanges.sequencePending()) > 0);
}

/** The show's seat version once every committed change is numbered. */
export async function showVersion(h: Harness, showId: string): Promise<number> {
  await settle(h);
  const [row] = await h.db.db.execute<{ v: number }>(
    sql`select version as v from show_seat_versions where show_id = ${showId}`,
  );
  return row!.v;
}

export async function seatChangeLog(h: Harness, showId: string) {
  await settle(h);
  return h.db.db.execute<{ version: number; cause: string; seats: { id: string; status: string }[] }>(sql`
    select version, cause, seats from seat_changes where show_id = ${showId} order by version`);
}

/** Invariants that must hold after any sequence of operations. */
export async function checkSeatInvariants(h: Harness, showId: string): Promise<string[]> {
  await settle(h);
  const problems: string[] = [];
  const rows = await h.db.db.execute<{ problem: string }>(sql`
    select 'seat ' || ss.id || ' is HELD by a hold that is not ACTIVE (' || h.status || ')' as problem
      from show_seats ss join holds h on h.id = ss.hold_id
      where ss.show_id = ${showId} and ss.status = 'HELD' and h.status <> 'ACTIVE'
    union all
    select 'seat ' || ss.id || ' HELD but its hold_seats row is not active'
      from show_seats ss
      where ss.show_id = ${showId} and ss.status = 'HELD'
        and not exists (select 1 from hold_seats hs where hs.show_seat_id = ss.id and hs.hold_id = ss.hold_id and hs.active)
    union all
    select 'active hold_seats row for seat ' || hs.show_seat_id || ' not held by its hold'
      from hold_seats hs join show_seats ss on ss.id = hs.show_seat_id
      where ss.show_id = ${showId} and hs.active and (ss.hold_id is distinct from hs.hold_id)
    union all
    select 'seat_changes versions are not exactly 1..N'
      where (select count(*) from seat_changes where show_id = ${showId})
         <> (select version from show_seat_versions where show_id = ${showId})
         or exists (select 1 from seat_changes where show_id = ${showId} and version is null)
         or (select count(distinct version) from seat_changes where show_id = ${showId})
         <> (select coalesce(max(version), 0) from seat_changes where show_id = ${showId})
    union all
    select 'hold ' || h.id || ' expiry differs from its seats'
      from holds h join show_seats ss on ss.hold_id = h.id
      where h.show_id = ${showId} and ss.hold_expires_at <> h.expires_at`);
  for (const r of rows) problems.push(r.problem);
  return problems;
}

/**
 * Holds that are ACTIVE and unexpired at `now` but no longer hold every seat they were placed
 * with: a hold the buyer could still pay for while some of its seats are someone else's.
 */
export async function activeHoldsMissingSeats(h: Harness, showId: string, now: Date): Promise<string[]> {
  const rows = await h.db.db.execute<{ id: string }>(sql`
    select distinct ho.id from holds ho
    join hold_seats hs on hs.hold_id = ho.id
    join show_seats ss on ss.id = hs.show_seat_id
    where ho.show_id = ${showId} and ho.status = 'ACTIVE' and ho.expires_at > ${now.toISOString()}::timestamptz
      and (ss.status <> 'HELD' or ss.hold_id is distinct from ho.id)`);
  return rows.map((r) => r.id);
}
