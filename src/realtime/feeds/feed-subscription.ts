import type { FeedSink, SeatChangeView } from './types.js';

/**
 * One subscriber of a show feed. `next` is the version it needs next: it never gets a version
 * twice or out of order, whether the change comes from the replay, the live stream or both around
 * the seam. A slow subscriber (`lagging`) gets nothing until its sink drains, then one snapshot.
 */
export class FeedSubscription {
  next = 1;
  lagging = false;
  closed = false;

  constructor(readonly sink: FeedSink) {}

  /** Sends `change` if it is the next one (snapshots always go, and reset the position). */
  deliver(change: SeatChangeView): void {
    if (this.closed || (!change.snapshot && change.version < this.next)) return;
    this.sink.send(change);
    this.next = change.version + 1;
  }

  /**
   * A live change from the feed. Returns false when the subscriber just turned slow: the caller
   * then watches it and sends a snapshot once it drains, instead of queueing without bound.
   */
  offer(change: SeatChangeView): boolean {
    if (this.closed || this.lagging || change.version < this.next) return true;
    if (this.sink.backedUp()) {
      this.lagging = true;
      return false;
    }
    this.deliver(change);
    return true;
  }
}
