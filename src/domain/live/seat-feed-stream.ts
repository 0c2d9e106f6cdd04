import { EventQueue } from '../../realtime/event-queue.js';
import type { SeatFeeds } from '../../realtime/feeds/seat-feeds.js';
import type { FeedSink, SeatChangeView } from '../../realtime/feeds/types.js';

/** Changes a pulling consumer may have waiting before it counts as slow (then: one snapshot). */
const MAX_QUEUED = 64;

/**
 * What `seatChanged` returns: an async iterator for graphql-js (pull: each change is executed for
 * this subscriber), which the WebSocket server may instead switch to push mode, where changes go
 * straight to a sink that sends payloads serialized once per process (src/graphql/seat-fanout.ts).
 * Nothing is attached until one of the two starts.
 */
export class SeatFeedStream implements AsyncIterableIterator<SeatChangeView> {
  private queue: EventQueue<SeatChangeView> | undefined;
  private attached: { stop(): void } | undefined;
  private stopped = false;

  constructor(
    private readonly feeds: SeatFeeds,
    readonly showId: string,
    readonly afterVersion: number | null,
  ) {}

  /** Push mode: changes go to `sink` until `stop()`. */
  pushTo(sink: FeedSink): { stop(): void } {
    if (this.queue || this.attached) throw new Error('seat feed stream already started');
    this.attached = this.feeds.attach(this.showId, sink, this.afterVersion);
    return { stop: () => this.stop() };
  }

  next(): Promise<IteratorResult<SeatChangeView>> {
    if (!this.queue) {
      const queue = new EventQueue<SeatChangeView>(() => this.stop());
      this.queue = queue;
      if (this.stopped) queue.end();
      else {
        this.attached = this.feeds.attach(
          this.showId,
          { send: (c) => queue.push(c), backedUp: () => queue.length >= MAX_QUEUED, fail: (e) => queue.end(e) },
          this.afterVersion,
        );
      }
    }
    return this.queue.next();
  }

  return(): Promise<IteratorResult<SeatChangeView>> {
    this.stop();
    return this.queue?.return() ?? Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<SeatChangeView>> {
    this.stop();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  private stop(): void {
    this.stopped = true;
    this.attached?.stop();
    this.attached = undefined;
  }
}
