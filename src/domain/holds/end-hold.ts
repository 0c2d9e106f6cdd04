import type { Tx } from '../../db/client.js';
import { releaseSeatsOfHolds } from '../../db/queries/hold-seats.js';
import { setHoldStatus } from '../../db/queries/holds.js';
import { recordSeatChange } from '../../db/queries/seat-changes.js';
import type { HoldRow } from '../../db/schema/index.js';
import { ForbiddenError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';

/** Ends a locked, active hold: its seats go back on sale as one new version of the show. */
export async function endHold(
  tx: Tx,
  hold: HoldRow,
  status: 'RELEASED' | 'EXPIRED',
  now: Date,
): Promise<HoldRow> {
  const ended = await setHoldStatus(tx, hold.id, status, now);
  const freed = await releaseSeatsOfHolds(tx, [hold.id]);
  if (freed.length > 0) {
    await recordSeatChange(tx, {
      showId: hold.showId,
      cause: status === 'RELEASED' ? 'RELEASE' : 'EXPIRE',
      seats: freed.map((s) => ({ id: s.id, status: 'AVAILABLE' })),
    });
  }
  return ended;
}

/** Holds are private: their owner or an admin only. */
export function assertCanSeeHold(viewer: Viewer, hold: HoldRow): void {
  if (hold.userId !== viewer.id && viewer.role !== 'ADMIN')
    throw new ForbiddenError('This hold belongs to someone else');
}

/** ACTIVE holds past their expiry are EXPIRED to the outside world, before the worker runs. */
export function effectiveHoldStatus(hold: HoldRow, now: Date): HoldRow['status'] {
  return hold.status === 'ACTIVE' && hold.expiresAt <= now ? 'EXPIRED' : hold.status;
}
