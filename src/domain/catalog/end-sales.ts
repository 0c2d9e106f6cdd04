import type { Tx } from '../../db/client.js';
import { releaseSeatsOfHolds } from '../../db/queries/hold-seats.js';
import { endActiveHoldsOfShow } from '../../db/queries/holds.js';
import { recordSeatChange } from '../../db/queries/seat-changes.js';

/**
 * Ends every active hold of a show that stopped selling for good (cancelled or archived): the
 * holds are released and their seats go back to AVAILABLE as one seat change. Call after locking
 * the show exclusively, so no hold is being placed meanwhile. Returns the freed seat ids.
 */
export async function endSalesOfShow(
  tx: Tx,
  showId: string,
  now: Date,
  cause: 'CANCEL' | 'ARCHIVE',
  alsoFreed: readonly string[] = [],
): Promise<string[]> {
  const holdIds = await endActiveHoldsOfShow(tx, showId, now);
  const freed = [...(await releaseSeatsOfHolds(tx, holdIds)).map((s) => s.id), ...alsoFreed];
  if (freed.length > 0) {
    await recordSeatChange(tx, {
      showId,
      cause,
      seats: freed.map((id) => ({ id, status: 'AVAILABLE' as const })),
    });
  }
  return freed;
}
