import type { Db } from '../../db/client.js';
import {
  deletePublishedChangesBefore,
  findShowsWithUnpublishedChanges,
  lockUnpublishedChanges,
  markChangesPublished,
} from '../../db/queries/seat-change-log.js';
import type { PubSub } from '../../realtime/pubsub.js';
import { topics, type SeatChangesMessage } from '../../realtime/topics.js';
import type { Clock } from '../clock.js';

/** Versions per message: one show's backlog after an outage goes out in a few messages. */
const BATCH = 500;

/** The relay could not hand a batch to pub/sub (Redis away); nothing was marked published. */
export class PublishFailedError extends Error {
  override name = 'PublishFailedError';
}

/**
 * The outbox relay, the step after the sequencer: for each show with numbered but unpublished
 * changes, under the show's relay lock, publish them in version order as one message and stamp
 * them in the same transaction. A crash or a Redis outage before the commit leaves them
 * unpublished, so they go out again later: at least once, in order; subscribers drop versions
 * they already have. Returns how many changes went out.
 */
export async function relayPending(
  deps: { db: Db; pubsub: PubSub; clock: Clock },
  maxShows = 200,
): Promise<number> {
  let published = 0;
  for (const showId of await findShowsWithUnpublishedChanges(deps.db, maxShows)) {
    published += await deps.db.transaction(async (tx) => {
      const rows = await lockUnpublishedChanges(tx, showId, BATCH);
      if (rows.length === 0) return 0; // another relay has this show
      const message: SeatChangesMessage = {
        showId,
        changes: rows.map((r) => ({ version: r.version, seats: r.seats })),
      };
      try {
        await deps.pubsub.publish(topics.show(showId), message);
      } catch (err) {
        throw new PublishFailedError(`publishing seat changes failed: ${(err as Error).message}`);
      }
      await markChangesPublished(
        tx,
        rows.map((r) => r.id),
        deps.clock.now(),
      );
      return rows.length;
    });
  }
  return published;
}

/** Deletes published changes older than the retention, in batches; returns how many went. */
export function pruneSeatChanges(
  deps: { db: Db; clock: Clock },
  retentionHours: number,
  limit: number,
): Promise<number> {
  const before = new Date(deps.clock.now().getTime() - retentionHours * 3600 * 1000);
  return deletePublishedChangesBefore(deps.db, before, limit);
}
