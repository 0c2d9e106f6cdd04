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

  /**
   * Sends `change` if the subscriber does not have its version yet. That holds for snapshots too:
   * one at a version the subscriber already has would tell it nothing, and an older one would
   * undo changes it would not get again.
   */
  deliver(change: SeatChangeView): void {
    if (this.closed || change.version < this.next) return;
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
