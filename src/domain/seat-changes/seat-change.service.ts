import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { notifySequenced } from '../../db/queries/seat-change-log.js';
import { findShowsWithUnsequencedChanges, sequenceShowChanges } from '../../db/queries/seat-changes.js';
import { createInProcessPubSub, type PubSub } from '../../realtime/pubsub.js';
import { Nudge } from '../../realtime/nudge.js';
import { systemClock, type Clock } from '../clock.js';
import { pruneSeatChanges, relayPending } from './relay.js';

/** In-process wake-ups: a seat transaction committed (sequencer), versions were numbered (relay). */
export interface SeatChangeNudges {
  sequencer: Nudge;
  relay: Nudge;
}

/** Tells NOTIFYs of this process from those of others (a relay needs no NOTIFY from itself). */
export const PROCESS_TAG = randomUUID();

/**
 * At most one NOTIFY per this many ms (the last one of a burst is sent at the end of it): under
 * an on-sale the sequencer runs batch after batch, and relays elsewhere need a wake-up, not one
 * per batch.
 */
const NOTIFY_EVERY_MS = 10;

/**
 * The sequencer: gives committed seat changes their per-show versions (gap-free, +1 per seat
 * transaction) after commit. Several sequencers may run at once: each show is numbered by one
 * of them at a time (SKIP LOCKED on its version row). Then the relay publishes them.
 */
export function createSeatChangeService({
  db,
  clock = systemClock,
  pubsub = createInProcessPubSub(),
  nudges = { sequencer: new Nudge(), relay: new Nudge() },
}: {
  db: Db;
  clock?: Clock;
  pubsub?: PubSub;
  nudges?: SeatChangeNudges;
}) {
  let notifiedAt = 0;
  let trailing: NodeJS.Timeout | undefined;
  const notify = async () => {
    const wait = notifiedAt + NOTIFY_EVERY_MS - Date.now();
    if (wait <= 0) {
      notifiedAt = Date.now();
      await notifySequenced(db, PROCESS_TAG);
    } else {
      trailing ??= setTimeout(() => {
        trailing = undefined;
        notifiedAt = Date.now();
        notifySequenced(db, PROCESS_TAG).catch(() => {}); // relays still poll
      }, wait).unref();
    }
  };
  return {
    nudges,
    /** Numbers the pending changes of up to `maxShows` shows; returns how many shows moved on. */
    async sequencePending(maxShows = 200): Promise<number> {
      let sequenced = 0;
      for (const showId of await findShowsWithUnsequencedChanges(db, maxShows)) {
        // One statement: numbering and the version bump commit together.
        if ((await sequenceShowChanges(db, showId)) !== undefined) sequenced += 1;
      }
      if (sequenced > 0) {
        // The relay is the next step: at once in this process, by NOTIFY in the others. The
        // NOTIFY is sent here, once per batch, never inside seat transactions (it takes a global
        // lock at commit, which would serialise every hold).
        nudges.relay.poke();
        await notify();
      }
      return sequenced;
    },
    /** Publishes numbered changes to pub/sub in version order (see relay.ts). */
    relayPending: (maxShows = 200) => relayPending({ db, pubsub, clock }, maxShows),
    /** Deletes published changes older than `retentionHours`, at most `limit`. */
    prune: (retentionHours: number, limit: number) => pruneSeatChanges({ db, clock }, retentionHours, limit),
    /** A seat transaction committed in this process: wake the sequencer now, not at its next poll. */
    written: () => nudges.sequencer.poke(),
  };
}
export type SeatChangeService = ReturnType<typeof createSeatChangeService>;
