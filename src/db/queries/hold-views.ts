import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { ts, uuidArray } from './sql-helpers.js';

export type HoldSeatViewRow = {
  holdId: string;
  id: string;
  label: string;
  row: string;
  number: number;
  section: string;
  priceAmount: number;
  status: 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';
  accessible: boolean;
  x: number;
  y: number;
};

/** The seats of several holds with their quoted price and current status (one statement). */
export async function findHoldSeatViews(
  db: DbOrTx,
  holdIds: readonly string[],
  now: Date,
): Promise<HoldSeatViewRow[]> {
  if (holdIds.length === 0) return [];
  return db.execute<HoldSeatViewRow>(sql`
    select hs.hold_id as "holdId", ss.id, s.label, s.row, s.number, ss.section, hs.price_amount as "priceAmount",
           (case when ss.status = 'HELD' and ss.hold_expires_at <= ${ts(now)} then 'AVAILABLE'
                 else ss.status::text end) as status,
           s.accessible, s.x, s.y
    from hold_seats hs
    join show_seats ss on ss.id = hs.show_seat_id
    join seats s on s.id = ss.seat_id
    where hs.hold_id = any(${uuidArray(holdIds)})
    order by s.y, s.x`);
}
