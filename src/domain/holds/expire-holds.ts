import type { Db } from '../../db/client.js';
import { deleteIdempotencyKeysBefore } from '../../db/queries/idempotency-keys.js';
import { releaseSeatsOfHolds } from '../../db/queries/hold-seats.js';
import { claimExpiredHolds } from '../../db/queries/holds.js';
import { recordSeatChange } from '../../db/queries/seat-changes.js';
import type { Clock } from '../clock.js';
import { inTransaction } from '../tx.js';

export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000;

/**
 * Releases up to `limit` expired holds in one transaction: each show whose seats change gets
 * one new version, however many of its holds expired together. Returns how many holds ended.
 */
export async function expireDueHolds(deps: { db: Db; clock: Clock }, limit: number): Promise<number> {
  const now = deps.clock.now();
  return inTransaction(deps.db, async (tx) => {
    const claimed = await claimExpiredHolds(tx, now, limit);
    if (claimed.length === 0) return 0;
    const ids = claimed.map((h) => h.id);
    const freed = await releaseSeatsOfHolds(tx, ids);
    const byShow = new Map<string, string[]>();
    for (const s of freed) byShow.set(s.showId, [...(byShow.get(s.showId) ?? []), s.id]);
    // Shows in a fixed order, so two workers never lock each other's show rows crosswise.
    for (const showId of [...byShow.keys()].sort()) {
      const seats = byShow.get(showId)!.map((id) => ({ id, status: 'AVAILABLE' as const }));
      await recordSeatChange(tx, { showId, cause: 'EXPIRE', seats });
    }
    return claimed.length;
  });
}

/** Forgets idempotency keys after 24 h, in batches. */
export async function cleanIdempotencyKeys(deps: { db: Db; clock: Clock }, limit: number): Promise<number> {
  return deleteIdempotencyKeysBefore(
    deps.db,
    new Date(deps.clock.now().getTime() - IDEMPOTENCY_KEY_TTL_MS),
    limit,
  );
}
