import { inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { events, type EventRow } from '../schema/index.js';

export type NewEvent = Omit<EventRow, 'id' | 'createdAt'>;

export async function insertEvent(db: DbOrTx, values: NewEvent): Promise<EventRow> {
  const [row] = await db.insert(events).values(values).returning();
  if (!row) throw new Error('insert into events returned no row');
  return row;
}

export async function findEventsByIds(db: DbOrTx, ids: readonly string[]): Promise<EventRow[]> {
  if (ids.length === 0) return [];
  return db.select().from(events).where(inArray(events.id, [...ids]));
}
