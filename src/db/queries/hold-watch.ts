import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';

/** Every seat a hold ever had (active or not): changes to them may have ended the hold. */
export async function findHoldSeatIds(db: DbOrTx, holdId: string): Promise<string[]> {
  const rows = await db.execute<{ id: string }>(sql`
    select show_seat_id as id from hold_seats where hold_id = ${holdId}`);
  return rows.map((r) => r.id);
}
