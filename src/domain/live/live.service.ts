import type { Db } from '../../db/client.js';
import { findShowVersions } from '../../db/queries/seat-change-log.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { SeatFeeds } from '../../realtime/feeds/seat-feeds.js';
import type { PubSub } from '../../realtime/pubsub.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { parseId } from '../validation.js';
import { dbFeedSource } from './feed-source.js';
import { watchHold } from './hold-watch.js';
import { SeatFeedStream } from './seat-feed-stream.js';

export interface LiveConfig {
  /** holdChanged says EXPIRING_SOON this long before a hold expires. */
  expiringSoonSeconds: number;
}

/** Live seat maps (seatChanged) and hold lifecycles (holdChanged) for subscriptions. */
export function createLiveService(deps: { db: Db; clock: Clock; pubsub: PubSub; logger: Logger; config: LiveConfig }) {
  const feeds = new SeatFeeds({ source: dbFeedSource(deps.db, deps.clock), pubsub: deps.pubsub, logger: deps.logger });
  return {
    /**
     * Changes of a show's seats, in version order: after `afterVersion` (replayed first), or only
     * live ones without it. Anyone may watch. `afterVersion` must not be ahead of the show.
     */
    async seatChanged(showIdRaw: string, afterVersion?: number | null): Promise<SeatFeedStream> {
      const showId = parseId(showIdRaw, 'showId');
      if (afterVersion != null && afterVersion < 0) {
        throw new ValidationError('afterVersion cannot be negative', 'afterVersion');
      }
      const [show] = await findShowVersions(deps.db, [showId]);
      if (!show) throw new NotFoundError('Show', showId);
      if (afterVersion != null && afterVersion > show.version) {
        throw new ValidationError(`afterVersion is ahead of the show's version (${show.version})`, 'afterVersion', {
          version: show.version,
        });
      }
      return new SeatFeedStream(feeds, showId, afterVersion ?? null);
    },

    holdChanged: (viewer: Viewer, holdId: string) =>
      watchHold({ ...deps, expiringSoonSeconds: deps.config.expiringSoonSeconds }, viewer, holdId),

    /** Stops the seat feeds (process shutdown). */
    close: () => feeds.close(),
  };
}
export type LiveService = ReturnType<typeof createLiveService>;
