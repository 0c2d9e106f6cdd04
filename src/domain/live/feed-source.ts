import type { Db } from '../../db/client.js';
import { findChangesAfter, findShowVersions } from '../../db/queries/seat-change-log.js';
import { findSeatMapsByShowIds } from '../../db/queries/show-seats.js';
import type { FeedSource } from '../../realtime/feeds/types.js';
import { buildSeatMap } from '../catalog/seat-map.js';
import type { Clock } from '../clock.js';

/** The seat feeds' view of Postgres: the seat map, the numbered log, the versions. */
export function dbFeedSource(db: Db, clock: Clock): FeedSource {
  return {
    async loadSeatMap(showId) {
      const [row] = await findSeatMapsByShowIds(db, [showId], clock.now());
      return row ? buildSeatMap(row) : undefined;
    },
    changesAfter: (showId, afterVersion, limit) => findChangesAfter(db, showId, afterVersion, limit),
    async versions(showIds) {
      return new Map((await findShowVersions(db, showIds)).map((r) => [r.showId, r.version]));
    },
  };
}
