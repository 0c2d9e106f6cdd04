import { and, desc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { bookings, holds, shows, users, type BookingRow, type HoldRow } from '../schema/index.js';

export async function findBookingsByIds(db: DbOrTx, ids: readonly string[]): Promise<BookingRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(bookings)
    .where(inArray(bookings.id, [...ids]));
}

export async function lockBooking(tx: DbOrTx, id: string): Promise<BookingRow | undefined> {
  const [row] = await tx.select().from(bookings).where(eq(bookings.id, id)).for('update');
  return row;
}

export async function lockBookingOfHold(tx: DbOrTx, holdId: string): Promise<BookingRow | undefined> {
  const [row] = await tx.select().from(bookings).where(eq(bookings.holdId, holdId)).for('update');
  return row;
}

export async function findBookingOfPayment(db: DbOrTx, paymentId: string): Promise<BookingRow | undefined> {
  const [row] = await db.select().from(bookings).where(eq(bookings.paymentId, paymentId));
  return row;
}

export async function findBookingOfHold(db: DbOrTx, holdId: string): Promise<BookingRow | undefined> {
  const [row] = await db.select().from(bookings).where(eq(bookings.holdId, holdId));
  return row;
}

/**
 * Share-locks a show for a booking change: bookings of a show change together with its seats
 * only while no cancelShow runs (which locks the row exclusively), and see its status after one.
 */
export async function lockShowForBooking(
  tx: DbOrTx,
  showId: string,
): Promise<{ status: 'SCHEDULED' | 'CANCELLED'; startsAt: Date } | undefined> {
  const [row] = await tx
    .select({ status: shows.status, startsAt: shows.startsAt })
    .from(shows)
    .where(eq(shows.id, showId))
    .for('share');
  return row;
}

export async function lockHoldForBooking(tx: DbOrTx, holdId: string): Promise<HoldRow | undefined> {
  const [row] = await tx.select().from(holds).where(eq(holds.id, holdId)).for('update');
  return row;
}

/** The hold became a booking (also after it expired or was released, when its seats were still free). */
export async function markHoldConverted(tx: DbOrTx, holdId: string, at: Date): Promise<void> {
  await tx
    .update(holds)
    .set({ status: 'CONVERTED', endedAt: sql`coalesce(${holds.endedAt}, ${at.toISOString()}::timestamptz)` })
    .where(eq(holds.id, holdId));
}

/** Inserts a booking; undefined when its reference is taken (the caller draws another). */
export async function insertBooking(
  tx: DbOrTx,
  b: Pick<BookingRow, 'reference' | 'userId' | 'showId' | 'holdId' | 'status' | 'totalAmount' | 'currency'> &
    Partial<Pick<BookingRow, 'confirmedAt' | 'paymentId'>> & { createdAt: Date },
): Promise<BookingRow | undefined> {
  const [row] = await tx
    .insert(bookings)
    .values(b)
    .onConflictDoNothing({ target: bookings.reference })
    .returning();
  return row;
}

export async function setBookingConfirmed(
  tx: DbOrTx,
  id: string,
  paymentId: string,
  at: Date,
): Promise<BookingRow> {
  const [row] = await tx
    .update(bookings)
    .set({ status: 'CONFIRMED', paymentId, confirmedAt: at })
    .where(eq(bookings.id, id))
    .returning();
  if (!row) throw new Error(`booking ${id} vanished under lock`);
  return row;
}

export async function setBookingCancelled(tx: DbOrTx, id: string, at: Date): Promise<BookingRow> {
  const [row] = await tx
    .update(bookings)
    .set({ status: 'CANCELLED', cancelledAt: at })
    .where(eq(bookings.id, id))
    .returning();
  if (!row) throw new Error(`booking ${id} vanished under lock`);
  return row;
}

/** Confirmed and pending bookings of a show, locked in id order (cancelShow). */
export async function lockOpenBookingsOfShow(tx: DbOrTx, showId: string): Promise<BookingRow[]> {
  return tx
    .select()
    .from(bookings)
    .where(and(eq(bookings.showId, showId), inArray(bookings.status, ['CONFIRMED', 'PENDING_PAYMENT'])))
    .orderBy(bookings.id)
    .for('update');
}

/** One keyset page of a user's bookings, newest first (`limit` is page size + 1). */
export async function findBookingsPageOfUser(
  db: DbOrTx,
  userId: string,
  after: { createdAt: Date; id: string } | undefined,
  limit: number,
): Promise<BookingRow[]> {
  return db
    .select()
    .from(bookings)
    .where(
      and(
        eq(bookings.userId, userId),
        after
          ? sql`(${bookings.createdAt}, ${bookings.id}) < (${after.createdAt.toISOString()}::timestamptz, ${after.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(bookings.createdAt), desc(bookings.id))
    .limit(limit);
}

/** Marks a confirmed booking's ticket used, once; undefined when that did not happen. */
export async function markCheckedIn(db: DbOrTx, id: string, at: Date): Promise<BookingRow | undefined> {
  const [row] = await db
    .update(bookings)
    .set({ checkedInAt: at })
    .where(and(eq(bookings.id, id), eq(bookings.status, 'CONFIRMED'), isNull(bookings.checkedInAt)))
    .returning();
  return row;
}

/** The show of a hold (immutable), to lock it before the hold. */
/** A hold's show and buyer (neither ever changes, so no lock is needed to read them). */
export async function findShowAndBuyerOfHold(
  db: DbOrTx,
  holdId: string,
): Promise<{ showId: string; userId: string } | undefined> {
  const [row] = await db
    .select({ showId: holds.showId, userId: holds.userId })
    .from(holds)
    .where(eq(holds.id, holdId));
  return row;
}

/**
 * Locks a buyer's row as placing a hold does (`boxoffice_place_hold`), so that a booking and a new
 * hold of the same buyer are counted one after the other against the event's purchase cap.
 */
export async function lockBuyer(db: DbOrTx, userId: string): Promise<void> {
  await db.select({ id: users.id }).from(users).where(eq(users.id, userId)).for('no key update');
}

/**
 * Cancels bookings still waiting for payment when nobody can pay any more: their hold is over
 * and no attempt is open. No seats change (a waiting booking's seats are its hold's).
 */
export async function cancelAbandonedPendingBookings(tx: DbOrTx, now: Date, limit: number): Promise<number> {
  const at = sql`${now.toISOString()}::timestamptz`;
  const rows = await tx.execute<{ id: string }>(sql`
    with due as (
      select b.id from bookings b join holds h on h.id = b.hold_id
      where b.status = 'PENDING_PAYMENT' and (h.status <> 'ACTIVE' or h.expires_at <= ${at})
        and not exists (select 1 from payments p
                        where p.hold_id = b.hold_id and p.status in ('PENDING', 'REQUIRES_ACTION'))
      limit ${limit}
      for update of b skip locked
    )
    update bookings b set status = 'CANCELLED', cancelled_at = ${at}
    from due where b.id = due.id
    returning b.id`);
  return rows.length;
}
