import type { Logger } from '../../logger.js';
import type { PubSub } from '../pubsub.js';
import { isSeatChangesMessage, topics, type SeatChangeMessageItem } from '../topics.js';
import { FeedSubscription } from './feed-subscription.js';
import { SeatMapState } from './seat-map-state.js';
import type { FeedSink, FeedSource, SeatChangeView } from './types.js';

/** Replay and catch-up page size. */
const PAGE = 500;
/** How often slow subscribers are checked for having drained. */
const LAG_CHECK_MS = 100;

/**
 * The live seat map of one show in this process, shared by all its subscribers: one pub/sub
 * listener, the seat map in memory (static seat data plus current statuses), and the last 1,024
 * changes. Changes are applied strictly in version order; a gap (a message lost while Redis was
 * away, two relays' messages crossing) is filled from the log before anything after it goes out.
 * Each change is turned into one `SeatChangeView` for all subscribers: no per-subscriber query.
 */
export class ShowFeed {
  readonly ready: Promise<void>;
  listening = false;
  /** When the last subscriber left (the registry closes feeds idle for a while). */
  idleSince: number | undefined;
  private isReady = false;
  private closed = false;
  private readonly map: SeatMapState;
  private early: SeatChangeMessageItem[] = [];
  private readonly pending = new Map<number, SeatChangeMessageItem>();
  private catchingUp: Promise<void> | undefined;
  private readonly subs = new Set<FeedSubscription>();
  private joining = 0;
  private readonly lagging = new Set<FeedSubscription>();
  private lagTimer: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;

  constructor(
    readonly showId: string,
    private readonly deps: { source: FeedSource; pubsub: PubSub; logger: Logger },
  ) {
    this.map = new SeatMapState(showId);
    this.ready = this.start();
    this.ready.catch(() => {}); // surfaced to each attach()
  }

  /** The last version applied (and sent to live subscribers). */
  get lastVersion(): number {
    return this.map.version;
  }

  /** Subscribers, live or still replaying: an idle feed (none) may be closed. */
  get subscriberCount(): number {
    return this.subs.size + this.joining;
  }

  private async start(): Promise<void> {
    // Listen before reading the seat map: a change published in between is buffered, not lost.
    await this.listen();
    const map = await this.deps.source.loadSeatMap(this.showId);
    if (!map) throw new Error(`show ${this.showId} has no seat map`);
    this.map.reset(map);
    this.isReady = true;
    for (const item of this.early.splice(0)) this.offer(item);
  }

  /** Subscribes to the show's topic; waits at most 2 s (a late or failed one is retried by resync). */
  async listen(): Promise<void> {
    if (this.listening || this.closed) return;
    this.listening = true;
    const subscribed = this.deps.pubsub.subscribe(topics.show(this.showId), (m) => this.onMessage(m));
    subscribed.then(
      (unsubscribe) => (this.closed ? unsubscribe() : (this.unsubscribe = unsubscribe)),
      (err: unknown) => {
        this.listening = false;
        this.deps.logger.warn({ err, showId: this.showId }, 'seat feed could not subscribe; polling the log meanwhile');
      },
    );
    await Promise.race([subscribed.catch(() => {}), new Promise((r) => setTimeout(r, 2_000).unref())]);
  }

  private onMessage(message: unknown): void {
    if (!isSeatChangesMessage(message)) return;
    for (const item of message.changes) this.offer(item);
  }

  /** A numbered change from pub/sub or the log: applied in order, buffered across a gap. */
  offer(item: SeatChangeMessageItem): void {
    if (!this.isReady) {
      this.early.push(item);
      return;
    }
    if (item.version <= this.lastVersion) return; // a relay's re-publish after a crash
    if (item.version > this.lastVersion + 1) {
      this.pending.set(item.version, item);
      void this.catchUp();
      return;
    }
    this.apply(item);
    for (let next = this.pending.get(this.lastVersion + 1); next; next = this.pending.get(this.lastVersion + 1)) {
      this.pending.delete(next.version);
      this.apply(next);
    }
    for (const v of this.pending.keys()) if (v <= this.lastVersion) this.pending.delete(v);
  }

  /** Reads the log after `lastVersion` until up to date (gaps, lost messages, periodic resync). */
  catchUp(): Promise<void> {
    this.catchingUp ??= (async () => {
      try {
        await this.ready;
        for (;;) {
          // Pub/sub may deliver some of these versions while the read is in flight: compare the
          // rows with what was asked for, and let offer() drop what arrived meanwhile.
          const after = this.lastVersion;
          const rows = await this.deps.source.changesAfter(this.showId, after, PAGE);
          if (rows.length > 0 && rows[0]!.version !== after + 1) {
            await this.reload(); // the log no longer has what this process missed (pruned)
            return;
          }
          for (const row of rows) this.offer(row);
          if (rows.length < PAGE) return;
        }
      } catch (err) {
        this.deps.logger.warn({ err, showId: this.showId }, 'seat feed catch-up failed; retrying at the next resync');
      } finally {
        this.catchingUp = undefined;
      }
    })();
    return this.catchingUp;
  }

  private async reload(): Promise<void> {
    const map = await this.deps.source.loadSeatMap(this.showId);
    if (!map) return;
    this.map.reset(map);
    this.pending.clear();
    const snapshot = this.map.snapshot();
    for (const sub of this.subs) if (!sub.lagging) sub.deliver(snapshot);
  }

  private apply(item: SeatChangeMessageItem): void {
    const change = this.map.apply(item);
    for (const sub of this.subs) {
      // A subscriber is never behind the feed's previous version; if it were, resync it whole.
      if (!sub.lagging && sub.next < change.version) sub.deliver(this.map.snapshot());
      else if (!sub.offer(change)) this.watchLag(sub);
    }
  }

  /**
   * Adds a subscriber: replays what it missed after `afterVersion` (from memory, else from the
   * log, else a snapshot when the log was pruned), then switches it to live. The switch happens
   * synchronously after the last read, so no change can slip between replay and live; versions
   * the replay already sent are skipped by the subscriber's position.
   */
  attach(sink: FeedSink, afterVersion: number | null): FeedSubscription {
    const sub = new FeedSubscription(sink);
    this.joining += 1;
    this.join(sub, afterVersion)
      .catch((err: unknown) => {
        this.detach(sub);
        sink.fail(err);
      })
      .finally(() => (this.joining -= 1));
    return sub;
  }

  private async join(sub: FeedSubscription, afterVersion: number | null): Promise<void> {
    await this.ready;
    let cursor = afterVersion ?? this.lastVersion;
    sub.next = cursor + 1;
    for (;;) {
      if (sub.closed) return;
      if (cursor >= this.lastVersion) break;
      if (sub.sink.backedUp()) {
        this.subs.add(sub);
        sub.lagging = true;
        this.watchLag(sub);
        return;
      }
      const recent = this.map.changesAfter(cursor);
      if (recent) {
        for (const change of recent) sub.deliver(change);
        break;
      }
      const rows = await this.deps.source.changesAfter(this.showId, cursor, PAGE);
      if (sub.closed) return;
      if (rows.length === 0 || rows[0]!.version !== cursor + 1 || !contiguous(rows)) {
        sub.deliver(this.map.snapshot()); // pruned: the log no longer has every version after cursor
        break;
      }
      for (const row of rows) sub.deliver(this.map.view(row));
      cursor = rows.at(-1)!.version;
    }
    this.subs.add(sub);
  }

  detach(sub: FeedSubscription): void {
    sub.closed = true;
    this.subs.delete(sub);
    this.lagging.delete(sub);
  }

  private watchLag(sub: FeedSubscription): void {
    this.lagging.add(sub);
    this.lagTimer ??= setInterval(() => {
      for (const s of this.lagging) {
        if (s.closed || !s.sink.backedUp()) this.lagging.delete(s);
        if (s.closed || s.sink.backedUp()) continue;
        s.lagging = false;
        s.deliver(this.map.snapshot());
      }
      if (this.lagging.size === 0) {
        clearInterval(this.lagTimer);
        this.lagTimer = undefined;
      }
    }, LAG_CHECK_MS);
    this.lagTimer.unref();
  }

  close(): void {
    this.closed = true;
    this.unsubscribe?.();
    if (this.lagTimer) clearInterval(this.lagTimer);
    for (const sub of this.subs) sub.closed = true;
    this.subs.clear();
  }
}

function contiguous(rows: SeatChangeMessageItem[]): boolean {
  return rows.every((row, i) => i === 0 || row.version === rows[i - 1]!.version + 1);
}
