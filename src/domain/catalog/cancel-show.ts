import type { Db } from '../../db/client.js';
import { releaseSeatsOfHolds } from '../../db/queries/hold-seats.js';
import { endActiveHoldsOfShow } from '../../db/queries/holds.js';
import { recordSeatChange } from '../../db/queries/seat-changes.js';
import { findShowsByIds, lockShow, markShowCancelled } from '../../db/queries/shows.js';
import type { ShowRow } from '../../db/schema/index.js';
import { NotFoundError } from '../../errors.js';
import { endBookingsOfShow } from '../bookings/end-booking.js';
import type { Clock } from '../clock.js';
import { inTransaction } from '../tx.js';
import { parseId } from '../validation.js';

/**
 * Cancels a show: no further holds or bookings, and its active holds are released in the same
 * transaction, its bookings cancelled with a full refund (all their seats back to AVAILABLE as
 * one new version). Cancelling a cancelled show returns it unchanged.
 */
export async function cancelShow(
  { db, clock }: { db: Db; clock: Clock },
  showIdRaw: string,
): Promise<ShowRow> {
  const showId = parseId(showIdRaw, 'showId');
  const now = clock.now();
  return inTransaction(db, async (tx) => {
    // Waits for holds being placed right now (their hold rows share-lock the show) and makes
    // later ones wait for this commit, after which they see the show cancelled.
    await lockShow(tx, showId);
    const cancelled = await markShowCancelled(tx, showId, now);
    if (!cancelled) {
      const [show] = await findShowsByIds(tx, [showId]);
      if (!show) throw new NotFoundError('Show', showId);
      return show;
    }
    const holdIds = await endActiveHoldsOfShow(tx, showId, now);
    const freed = await releaseSeatsOfHolds(tx, holdIds);
    // Bookings are cancelled with full refunds owed in this transaction (the worker sends them).
    const unbooked = await endBookingsOfShow(tx, showId, now);
    const seats = [...freed.map((s) => s.id), ...unbooked];
    if (seats.length > 0) {
      await recordSeatChange(tx, {
        showId,
        cause: 'CANCEL',
        seats: seats.map((id) => ({ id, status: 'AVAILABLE' })),
      });
    }
    return cancelled;
  });
}
