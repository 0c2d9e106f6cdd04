import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import {
  seats,
  showPrices,
  shows,
  showSeats,
  showSeatVersions,
  type ShowPriceRow,
  type ShowRow,
} from '../schema/index.js';

/**
 * Inserts a show with its section prices and its whole seat inventory (call inside a
 * transaction). The inventory is one INSERT ... SELECT over the screen's seats.
 */
export async function insertShowWithInventory(
  tx: DbOrTx,
  show: {
    eventId: string;
    screenId: string;
    startsAt: Date;
    endsAt: Date;
    currency: string;
    salesStartAt: Date | null;
    salesEndAt: Date | null;
  },
  prices: Omit<ShowPriceRow, 'showId'>[],
): Promise<ShowRow> {
  const [row] = await tx.insert(shows).values(show).returning();
  if (!row) throw new Error('insert into shows returned no row');
  await tx.insert(showPrices).values(prices.map((p) => ({ ...p, showId: row.id })));
  await tx.insert(showSeatVersions).values({ showId: row.id });
  await tx.execute(sql`
    insert into ${showSeats} (show_id, seat_id, section, status)
    select ${row.id}, ${seats.id}, ${seats.section},
           (case when ${seats.blocked} then 'BLOCKED' else 'AVAILABLE' end)::seat_status
    from ${seats} where ${seats.screenId} = ${show.screenId}`);
  return row;
}
/** Marks a show cancelled; returns undefined when it was already cancelled or does not exist. */
export async function markShowCancelled(db: DbOrTx, id: string, at: Date): Promise<ShowRow | undefined> {
  const [row] = await db
    .update(shows)
    .set({ status: 'CANCELLED', cancelledAt: at })
    .where(and(eq(shows.id, id), ne(shows.status, 'CANCELLED')))
    .returning();
  return row;
}
export type ShowSchedule = Pick<ShowRow, 'startsAt' | 'endsAt' | 'salesStartAt' | 'salesEndAt'>;

export async function updateShowSchedule(db: DbOrTx, id: string, schedule: ShowSchedule): Promise<ShowRow> {
  const [row] = await db.update(shows).set(schedule).where(eq(shows.id, id)).returning();
  if (!row) throw new Error(`show ${id} vanished while locked`);
  return row;
}

/** New end times of an event's scheduled shows after its duration changed (turnover included). */
export async function setEndsAtOfEventShows(
  db: DbOrTx,
  eventId: string,
  minutesAfterStart: number,
): Promise<void> {
  await db
    .update(shows)
    .set({ endsAt: sql`${shows.startsAt} + make_interval(mins => ${minutesAfterStart})` })
    .where(and(eq(shows.eventId, eventId), eq(shows.status, 'SCHEDULED')));
}

/** Archives shows (all of an event's, or one); returns those that were not archived yet. */
export async function markShowsArchived(
  db: DbOrTx,
  where: { showId: string } | { eventId: string },
  at: Date,
): Promise<ShowRow[]> {
  return db
    .update(shows)
    .set({ archivedAt: at })
    .where(
      and(
        'showId' in where ? eq(shows.id, where.showId) : eq(shows.eventId, where.eventId),
        isNull(shows.archivedAt),
      ),
    )
    .returning();
}
