import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import type { SeatChangeEntry } from '../schema/index.js';
import { ts, uuidArray } from './sql-helpers.js';

/**
 * Reading the seat-change log after the sequencer numbered it: the relay (outbox -> pub/sub),
 * replay for reconnecting subscribers, and pruning.
 */

/** Postgres channel the sequencer notifies after numbering changes; relays LISTEN on it. */
export const SEQUENCED_CHANNEL = 'boxoffice_seat_changes';

// First key of the relay's advisory locks (the second is the show): one relay per show at a time.
const RELAY_LOCK_CLASS = 0x5ea7;

export type LoggedChange = {
  id: number;
  version: number;
  seats: SeatChangeEntry[];
};

/** Shows with numbered changes not yet published, at most `limit`. */
export async function findShowsWithUnpublishedChanges(db: DbOrTx, limit: number): Promise<string[]> {
  const rows = await db.execute<{ showId: string }>(sql`
    select distinct show_id as "showId" from seat_changes
    where published_at is null and version is not null limit ${limit}`);
  return rows.map((r) => r.showId);
}

/**
 * In a transaction: takes the show's relay lock without waiting, then returns its oldest
 * unpublished changes in version order; [] when another relay holds the show right now. The lock
 * lasts until commit, after the rows are stamped, so the next relay starts after them: relays
 * never publish a show's versions twice or out of order.
 *
 * Two statements on purpose: read in the statement that takes the lock, the rows would come from
 * a snapshot taken before the lock was granted, and could include rows the previous holder
 * stamped and committed in between (they were published twice under load).
 */
export async function lockUnpublishedChanges(tx: DbOrTx, showId: string, limit: number): Promise<LoggedChange[]> {
  const [lock] = await tx.execute<{ ok: boolean }>(sql`
    select pg_try_advisory_xact_lock(${RELAY_LOCK_CLASS}, hashtext(${showId}::text)) as ok`);
  if (!lock?.ok) return [];
  return tx.execute<LoggedChange>(sql`
    select id::int as id, version, seats from seat_changes
    where show_id = ${showId} and published_at is null and version is not null
    order by version limit ${limit}`);
}

export async function markChangesPublished(tx: DbOrTx, ids: readonly number[], at: Date): Promise<void> {
  if (ids.length === 0) return;
  await tx.execute(sql`
    update seat_changes set published_at = ${ts(at)} where id = any(${sql.param([...ids])}::bigint[])`);
}

/** Wakes relays in other processes (sent by the sequencer, after its own commit). */
export async function notifySequenced(db: DbOrTx, payload: string): Promise<void> {
  await db.execute(sql`select pg_notify(${SEQUENCED_CHANNEL}, ${payload})`);
}

/** Numbered changes of a show after `afterVersion`, in version order (replay and catch-up). */
export async function findChangesAfter(
  db: DbOrTx,
  showId: string,
  afterVersion: number,
  limit: number,
): Promise<Omit<LoggedChange, 'id'>[]> {
  return db.execute<Omit<LoggedChange, 'id'>>(sql`
    select version, seats from seat_changes
    where show_id = ${showId} and version > ${afterVersion}
    order by version limit ${limit}`);
}

/** The sequenced version of each show that exists (absent ids are unknown shows). */
export async function findShowVersions(
  db: DbOrTx,
  showIds: readonly string[],
): Promise<{ showId: string; version: number }[]> {
  if (showIds.length === 0) return [];
  return db.execute<{ showId: string; version: number }>(sql`
    select show_id as "showId", version from show_seat_versions where show_id = any(${uuidArray(showIds)})`);
}

/**
 * Deletes up to `limit` published changes written before `before`. Unpublished rows are kept
 * whatever their age: the relay still owes them to subscribers.
 */
export async function deletePublishedChangesBefore(db: DbOrTx, before: Date, limit: number): Promise<number> {
  const rows = await db.execute<{ n: number }>(sql`
    with doomed as (
      select id from seat_changes
      where created_at < ${ts(before)} and published_at is not null
      order by created_at limit ${limit}
    ), deleted as (
      delete from seat_changes c using doomed where c.id = doomed.id returning 1
    )
    select count(*)::int as n from deleted`);
  return rows[0]?.n ?? 0;
}
