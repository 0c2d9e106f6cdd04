import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import type { SeatChangeEntry } from '../schema/index.js';

/**
 * Appends a seat change to the log/outbox inside the seat transaction. It touches no per-show
 * row, so holds of one show never queue behind each other; the sequencer numbers it after commit.
 */
export async function recordSeatChange(
  tx: DbOrTx,
  change: { showId: string; cause: string; seats: SeatChangeEntry[] },
): Promise<number | undefined> {
  const rows = await tx.execute<{ id: number }>(sql`
    insert into seat_changes (show_id, cause, seats)
    select ${change.showId}, ${change.cause}, ${JSON.stringify(change.seats)}::jsonb
    returning id::int as id`);
  return rows[0]?.id;
}

/** Shows with committed changes waiting for a version, at most `limit`. */
export async function findShowsWithUnsequencedChanges(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db.execute<{ showId: string }>(sql`
    select distinct show_id as "showId" from seat_changes where version is null limit ${limit}`);
  return rows.map((r) => r.showId);
}

/**
 * Numbers a show's committed, unnumbered changes in write order, continuing its version without
 * gaps, and moves the show's version along; returns the new version or undefined when another
 * sequencer holds the show right now (SKIP LOCKED) or there was nothing to do.
 */
export async function sequenceShowChanges(tx: DbOrTx, showId: string): Promise<number | undefined> {
  const rows = await tx.execute<{ version: number }>(sql`
    with base as (
      select version from show_seat_versions where show_id = ${showId} for update skip locked
    ), pending as (
      select id, row_number() over (order by id) as n from seat_changes
      where show_id = ${showId} and version is null and exists (select 1 from base)
    ), numbered as (
      update seat_changes c set version = (select version from base) + pending.n
      from pending where c.id = pending.id
      returning c.version
    )
    update show_seat_versions set version = (select max(version) from numbered)
    where show_id = ${showId} and exists (select 1 from numbered)
    returning version`);
  return rows[0]?.version;
}
