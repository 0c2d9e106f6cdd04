import type { Db } from '../../db/client.js';
import { findShowsWithUnsequencedChanges, sequenceShowChanges } from '../../db/queries/seat-changes.js';

/**
 * The sequencer: gives committed seat changes their per-show versions (gap-free, +1 per seat
 * transaction) after commit. Several sequencers may run at once: each show is numbered by one
 * of them at a time (SKIP LOCKED on its version row).
 */
export function createSeatChangeService({ db }: { db: Db }) {
  return {
    /** Numbers the pending changes of up to `maxShows` shows; returns how many shows moved on. */
    async sequencePending(maxShows = 200): Promise<number> {
      let sequenced = 0;
      for (const showId of await findShowsWithUnsequencedChanges(db, maxShows)) {
        // One statement: numbering and the version bump commit together.
        if ((await sequenceShowChanges(db, showId)) !== undefined) sequenced += 1;
      }
      return sequenced;
    },
  };
}
export type SeatChangeService = ReturnType<typeof createSeatChangeService>;
