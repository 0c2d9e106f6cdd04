import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import type { SeatChangeEntry } from '../schema/index.js';
import { ts, uuidArray } from './sql-helpers.js';

/**
 * Bumps the show's seat version, stamps the changed seats with it and appends the change to the
 * log/outbox, in one statement. It runs last in a seat transaction so the version row (the only
 * per-show hot spot) stays locked for as short a time as possible.
 *
 * `onSaleAt` makes the bump conditional on the show being on sale at that instant: when a
 * concurrent cancelShow commits first (it closes sales on the same row), nothing is written and
 * `undefined` is returned.
 */
export async function recordSeatChange(
  tx: DbOrTx,
  change: { showId: string; cause: string; seats: SeatChangeEntry[]; onSaleAt?: Date },
): Promise<number | undefined> {
  const onSale = change.onSaleAt ? sql`and not cancelled and sales_end_at > ${ts(change.onSaleAt)}` : sql``;
  const rows = await tx.execute<{ version: number }>(sql`
    with v as (
      update show_seat_versions set version = version + 1
      where show_id = ${change.showId} ${onSale}
      returning version
    ), stamped as (
      update show_seats set version = (select version from v)
      where id = any(${uuidArray(change.seats.map((s) => s.id))}) and exists (select 1 from v)
    )
    insert into seat_changes (show_id, version, cause, seats)
    select ${change.showId}, v.version, ${change.cause}, ${JSON.stringify(change.seats)}::jsonb from v
    returning version`);
  return rows[0]?.version;
}
