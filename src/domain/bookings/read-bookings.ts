import type { Db } from '../../db/client.js';
import { findBookingsByIds, findBookingsPageOfUser } from '../../db/queries/bookings.js';
import type { BookingRow } from '../../db/schema/index.js';
import { ForbiddenError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import { type Connection, decodeCursor, encodeCursor, parseFirst, toConnection } from '../pagination.js';
import { parseId } from '../validation.js';
import { assertCanSeeBooking } from './booking-rules.js';

/** Owner or admin; null when there is no such booking. */
export async function getBooking(db: Db, viewer: Viewer, idRaw: string): Promise<BookingRow | null> {
  const [booking] = await findBookingsByIds(db, [parseId(idRaw, 'id')]);
  if (!booking) return null;
  assertCanSeeBooking(viewer, booking);
  return booking;
}

const isIsoDate = (v: string) => !Number.isNaN(Date.parse(v)) && /^\d{4}-\d\d-\d\dT/.test(v);

/** A user's bookings, newest first: the user themself or an admin. */
export async function listBookingsOf(
  db: Db,
  viewer: Viewer,
  userId: string,
  args: { first?: number | null; after?: string | null },
): Promise<Connection<BookingRow>> {
  if (viewer.id !== userId && viewer.role !== 'ADMIN') {
    throw new ForbiddenError('Only the user themself can see their bookings');
  }
  const first = parseFirst(args.first);
  const after = decodeCursor('booking', args.after, isIsoDate);
  const rows = await findBookingsPageOfUser(
    db,
    userId,
    after ? { createdAt: new Date(after.value), id: after.id } : undefined,
    first + 1,
  );
  return toConnection(rows, first, (b) =>
    encodeCursor('booking', { value: b.createdAt.toISOString(), id: b.id }),
  );
}
