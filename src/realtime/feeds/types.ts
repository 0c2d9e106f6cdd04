import type { SeatMapView, ShowSeatView } from '../../domain/catalog/views.js';
import type { SeatChangeMessageItem } from '../topics.js';

/**
 * One `SeatChange` as clients get it: the seats a version changed, with their static data (label,
 * price, position) and new status. The same object goes to every subscriber of the show in this
 * process, so anything built from it (the serialized payload) is built once.
 */
export interface SeatChangeView {
  showId: string;
  version: number;
  seats: ShowSeatView[];
  /** True when `seats` is the whole seat map at `version` (after a gap, lag or a pruned log). */
  snapshot: boolean;
}

/** Where a feed reads the truth: Postgres (src/domain/live/feed-source.ts). */
export interface FeedSource {
  /** Version and every seat with its status, from one snapshot; undefined for an unknown show. */
  loadSeatMap(showId: string): Promise<Pick<SeatMapView, 'version' | 'seats'> | undefined>;
  /** Numbered changes after `afterVersion`, oldest first. */
  changesAfter(showId: string, afterVersion: number, limit: number): Promise<SeatChangeMessageItem[]>;
  /** Current sequenced version of each show. */
  versions(showIds: readonly string[]): Promise<Map<string, number>>;
}

/** Where one subscriber's changes go: a socket (push) or a queue graphql-js pulls from. */
export interface FeedSink {
  send(change: SeatChangeView): void;
  /** Too much unsent: the subscriber is slow, so it gets the whole seat map once it drains. */
  backedUp(): boolean;
  /** The feed failed for this subscriber (its start could not read the database). */
  fail(error: unknown): void;
}
