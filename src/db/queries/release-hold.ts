import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import type { HoldRow } from '../schema/index.js';
import { ts } from './sql-helpers.js';

type RawHold = {
  id: string;
  userId: string;
  showId: string;
  status: HoldRow['status'];
  expiresAt: string;
  totalAmount: number;
  currency: string;
  extensions: number;
  clientIp: string | null;
  createdAt: string;
  endedAt: string | null;
};

export interface ReleaseHoldResult {
  /** The hold as it was before this call (undefined: no such hold). */
  before: HoldRow | undefined;
  /** The hold after this call ended it (undefined: nothing changed). */
  ended: HoldRow | undefined;
}

/**
 * releaseHold's transaction in one statement: locks the hold, and when it is ACTIVE and the
 * caller may end it, ends it (EXPIRED if its time is up, else RELEASED), frees its seats and
 * hold_seats rows and appends the change to the log. Run alone it is its own transaction.
 */
export async function releaseHoldRow(
  db: DbOrTx,
  a: { holdId: string; userId: string; isAdmin: boolean; now: Date },
): Promise<ReleaseHoldResult> {
  const cols = sql`id, user_id as "userId", show_id as "showId", status, expires_at as "expiresAt",
    total_amount as "totalAmount", currency, extensions, client_ip as "clientIp", created_at as "createdAt", ended_at as "endedAt"`;
  const [row] = await db.execute<{ before: RawHold; ended: RawHold | null }>(sql`
    with h as (
      select * from holds where id = ${a.holdId} for update
    ), ended as (
      update holds set ended_at = ${ts(a.now)},
        status = (case when holds.expires_at <= ${ts(a.now)} then 'EXPIRED' else 'RELEASED' end)::hold_status
      from h
      where holds.id = h.id and h.status = 'ACTIVE' and (h.user_id = ${a.userId} or ${a.isAdmin})
      returning holds.*
    ), target as (
      select id from show_seats where hold_id = (select id from ended) and status = 'HELD' order by id for update
    ), freed as (
      update show_seats s set status = 'AVAILABLE', hold_id = null, hold_expires_at = null
      from target where s.id = target.id returning s.id
    ), inactive as (
      update hold_seats set active = false where hold_id = (select id from ended) and active
    ), logged as (
      insert into seat_changes (show_id, cause, seats)
      select (select show_id from ended),
             (select case when status = 'EXPIRED' then 'EXPIRE' else 'RELEASE' end from ended),
             jsonb_agg(jsonb_build_object('id', id, 'status', 'AVAILABLE'))
      from freed having count(*) > 0
    )
    select (select row_to_json(x) from (select ${cols} from h) x) as before,
           (select row_to_json(x) from (select ${cols} from ended) x) as ended
    where exists (select 1 from h)`);
  return { before: row ? toHold(row.before) : undefined, ended: row?.ended ? toHold(row.ended) : undefined };
}

function toHold(raw: RawHold): HoldRow {
  return {
    ...raw,
    expiresAt: new Date(raw.expiresAt),
    createdAt: new Date(raw.createdAt),
    endedAt: raw.endedAt ? new Date(raw.endedAt) : null,
  };
}
