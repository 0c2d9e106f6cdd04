import type { Logger } from '../../logger.js';
import type { PubSub } from '../pubsub.js';
import type { FeedSubscription } from './feed-subscription.js';
import { ShowFeed } from './show-feed.js';
import type { FeedSink, FeedSource } from './types.js';

export interface SeatFeedsOptions {
  source: FeedSource;
  pubsub: PubSub;
  logger: Logger;
  /**
   * How often every feed compares its version with Postgres. Pub/sub is fire-and-forget: a
   * message sent while this process was cut off from Redis is gone, and if no later change
   * reveals the gap this check does. It is one statement per process, whatever the number of shows.
   */
  resyncMs?: number;
  /** How long a feed without subscribers stays (reconnects within it replay from memory). */
  idleMs?: number;
}

/** The show feeds of this process: one per show that has subscribers, created on demand. */
export class SeatFeeds {
  private readonly feeds = new Map<string, ShowFeed>();
  private timer: NodeJS.Timeout | undefined;
  private resyncing = false;
  private readonly stopReconnect: () => void;

  constructor(private readonly opts: SeatFeedsOptions) {
    // After a Redis reconnect every feed may have missed messages: check them all at once.
    this.stopReconnect = opts.pubsub.onReconnect(() => void this.resync());
  }

  /** Subscribes `sink` to a show's changes after `afterVersion` (null: live only). */
  attach(showId: string, sink: FeedSink, afterVersion: number | null): { stop(): void } {
    let feed = this.feeds.get(showId);
    if (!feed) {
      const created = new ShowFeed(showId, this.opts);
      // A feed that failed to start is forgotten, so the next subscriber tries again.
      created.ready.catch(() => this.feeds.get(showId) === created && this.drop(created));
      this.feeds.set(showId, created);
      feed = created;
      this.timer ??= setInterval(() => void this.resync(), this.opts.resyncMs ?? 1_000).unref();
    }
    const owner = feed;
    const sub: FeedSubscription = owner.attach(sink, afterVersion);
    return { stop: () => owner.detach(sub) };
  }

  /** Catches every feed up with Postgres, re-subscribes lost listeners, closes idle feeds. */
  async resync(): Promise<void> {
    if (this.resyncing) return;
    this.resyncing = true;
    try {
      const now = Date.now();
      for (const feed of this.feeds.values()) {
        if (feed.subscriberCount > 0) feed.idleSince = undefined;
        else if ((feed.idleSince ??= now) < now - (this.opts.idleMs ?? 30_000)) this.drop(feed);
      }
      const feeds = [...this.feeds.values()];
      if (feeds.length === 0) return;
      const versions = await this.opts.source.versions(feeds.map((f) => f.showId));
      for (const feed of feeds) {
        if (!feed.listening) void feed.listen();
        if ((versions.get(feed.showId) ?? 0) > feed.lastVersion) void feed.catchUp();
      }
    } catch (err) {
      this.opts.logger.warn({ err }, 'seat feed resync failed');
    } finally {
      this.resyncing = false;
    }
  }

  private drop(feed: ShowFeed): void {
    feed.close();
    this.feeds.delete(feed.showId);
    if (this.feeds.size === 0 && this.timer) {
      clearInterval(this.timer);
      this.timer = undefined;
    }
  }

  /** Stops every feed (shutdown). */
  close(): void {
    this.stopReconnect();
    for (const feed of [...this.feeds.values()]) this.drop(feed);
  }
}
