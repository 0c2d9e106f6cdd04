import type { HoldRow } from '../../db/schema/index.js';
import { ForbiddenError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';

/** Holds are private: their owner or an admin only. */
export function assertCanSeeHold(viewer: Viewer, hold: HoldRow): void {
  if (hold.userId !== viewer.id && viewer.role !== 'ADMIN')
    throw new ForbiddenError('This hold belongs to someone else');
}

/** ACTIVE holds past their expiry are EXPIRED to the outside world, before the worker runs. */
export function effectiveHoldStatus(hold: HoldRow, now: Date): HoldRow['status'] {
  return hold.status === 'ACTIVE' && hold.expiresAt <= now ? 'EXPIRED' : hold.status;
}
