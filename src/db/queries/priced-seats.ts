import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { ts, uuidArray } from './sql-helpers.js';

export type PricedSeatRow = {
  /** The hold or booking the seat belongs to. */
  ownerId: string;
  id: string;
  label: string;
  row: string;
  number: number;
  section: string;
  /** Quoted (hold) or paid (booking). */
  priceAmount: number;
  status: 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';
  accessible: boolean;
  x: number;
  y: number;
};

const OWNERS = {
  hold: { table: sql`hold_seats`, owner: sql`hold_id` },
  booking: { table: sql`booking_seats`, owner: sql`booking_id` },
} as const;

/**
 * The seats of several holds or bookings with their own price and each seat's status now (an
 * expired hold's seat reads AVAILABLE), in one statement.
 */
export async function findPricedSeats(
  db: DbOrTx,
  of: keyof typeof OWNERS,
  ownerIds: readonly string[],
  now: Date,
): Promise<PricedSeatRow[]> {
  if (ownerIds.length === 0) return [];
  const { table, owner } = OWNERS[of];
  return db.execute<PricedSeatRow>(sql`
    select o.${owner} as "ownerId", ss.id, s.label, s.row, s.number, ss.section, o.price_amount as "priceAmount",
           (case when ss.status = 'HELD' and ss.hold_expires_at <= ${ts(now)} then 'AVAILABLE'
                 else ss.status::text end) as status,
           s.accessible, s.x, s.y
    from ${table} o
    join show_seats ss on ss.id = o.show_seat_id
    join seats s on s.id = ss.seat_id
    where o.${owner} = any(${uuidArray(ownerIds)})
    order by s.y, s.x`);
}
