import { describe, expect, it } from 'vitest';
import type { ShowSeatView } from '../../src/domain/catalog/views.js';
import { SeatFeeds } from '../../src/realtime/feeds/seat-feeds.js';
import type { FeedSink, FeedSource, SeatChangeView } from '../../src/realtime/feeds/types.js';
import { createLogger } from '../../src/logger.js';
import { createInProcessPubSub } from '../../src/realtime/pubsub.js';
import { topics, type SeatChangeMessageItem, type SeatStatusValue } from '../../src/realtime/topics.js';

/** A show of `n` seats whose log lives in memory; `publish` mimics the relay. */
function fakeShow(n = 4) {
  const showId = 'show-1';
  const pubsub = createInProcessPubSub();
  const seats: ShowSeatView[] = Array.from({ length: n }, (_, i) => ({
    id: `s${i}`,
    label: `A${i + 1}`,
    row: 'A',
    number: i + 1,
    section: 'S1',
    price: { amount: 1000, currency: 'EUR' },
    status: 'AVAILABLE',
    accessible: false,
    x: i,
    y: 0,
  }));
  const log: SeatChangeMessageItem[] = [];
  let prunedBelow = 1;
  let readGate: Promise<void> | undefined;
  const source: FeedSource = {
    async loadSeatMap() {
      const status = new Map<string, SeatStatusValue>();
      for (const c of log) for (const s of c.seats) status.set(s.id, s.status);
      return { version: log.length, seats: seats.map((s) => ({ ...s, status: status.get(s.id) ?? s.status })) };
    },
    async changesAfter(_showId, after, limit) {
      await readGate;
      return log.filter((c) => c.version > after && c.version >= prunedBelow).slice(0, limit);
    },
    async versions() {
      return new Map([[showId, log.length]]);
    },
  };
  /** Commits one change to the log (returns it) without publishing it. */
  const commit = (seat: number, status: SeatStatusValue): SeatChangeMessageItem => {
    const item = { version: log.length + 1, seats: [{ id: `s${seat}`, status }] };
    log.push(item);
    return item;
  };
  const publish = (...items: SeatChangeMessageItem[]) => pubsub.publish(topics.show(showId), { showId, changes: items });
  const feeds = new SeatFeeds({ source, pubsub, logger: createLogger('silent'), resyncMs: 60_000 });
  return {
    showId,
    feeds,
    commit,
    publish,
    prune: (below: number) => (prunedBelow = below),
    gateReads: () => {
      let open!: () => void;
      readGate = new Promise((r) => (open = r));
      return () => {
        readGate = undefined;
        open();
      };
    },
  };
}

function collector(opts: { backedUp?: () => boolean } = {}) {
  const got: SeatChangeView[] = [];
  const sink: FeedSink = { send: (c) => got.push(c), backedUp: opts.backedUp ?? (() => false), fail: (e) => { throw e; } };
  return { got, sink, versions: () => got.map((c) => (c.snapshot ? `S${c.version}` : c.version)) };
}

const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

describe('show feed', () => {
  it('delivers in version order, drops re-published versions and fills a gap from the log', async () => {
    const show = fakeShow();
    const c = collector();
    const sub = show.feeds.attach(show.showId, c.sink, null);
    await tick();
    const v1 = show.commit(0, 'HELD');
    const v2 = show.commit(1, 'HELD');
    const v3 = show.commit(0, 'AVAILABLE');
    await show.publish(v1);
    await show.publish(v1); // a relay re-publishing after a crash
    await show.publish(v3); // v2's message was lost: read from the log
    await tick();
    await show.publish(v2, v3);
    await tick();
    expect(c.versions()).toEqual([1, 2, 3]);
    expect(c.got.map((g) => g.seats.map((s) => `${s.label}:${s.status}`))).toEqual([['A1:HELD'], ['A2:HELD'], ['A1:AVAILABLE']]);
    sub.stop();
    show.feeds.close();
  });

  it('replays after afterVersion then goes live, with no gap or duplicate at the seam', async () => {
    const show = fakeShow();
    const first = collector();
    show.feeds.attach(show.showId, first.sink, null); // starts the feed at version 0
    await tick();
    for (let i = 0; i < 5; i++) await show.publish(show.commit(i % 4, i % 2 ? 'AVAILABLE' : 'HELD'));
    await tick();
    // A reconnecting client whose replay read is slow while live changes keep coming.
    const open = show.gateReads();
    const late = collector();
    show.feeds.attach(show.showId, late.sink, 1);
    await tick();
    for (let i = 0; i < 3; i++) await show.publish(show.commit(i, 'BOOKED'));
    open();
    await tick(50);
    for (let i = 0; i < 2; i++) await show.publish(show.commit(3, i ? 'AVAILABLE' : 'HELD'));
    await tick();
    expect(late.versions()).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(first.versions()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    show.feeds.close();
  });

  it('replays from memory when the feed still has the versions, and from the log beyond its memory', async () => {
    const show = fakeShow();
    for (let i = 0; i < 3; i++) show.commit(i, 'HELD'); // before the feed started: only in the log
    const live = collector();
    show.feeds.attach(show.showId, live.sink, null);
    await tick();
    await show.publish(show.commit(3, 'HELD'));
    await tick();
    const again = collector();
    show.feeds.attach(show.showId, again.sink, 0);
    await tick();
    expect(live.versions()).toEqual([4]);
    expect(again.versions()).toEqual([1, 2, 3, 4]);
    show.feeds.close();
  });

  it('sends one snapshot when the log no longer has the versions after afterVersion', async () => {
    const show = fakeShow();
    for (let i = 0; i < 4; i++) show.commit(i, 'HELD');
    show.prune(3);
    const c = collector();
    show.feeds.attach(show.showId, c.sink, 1);
    await tick();
    expect(c.versions()).toEqual(['S4']);
    expect(c.got[0]!.seats.map((s) => s.status)).toEqual(['HELD', 'HELD', 'HELD', 'HELD']);
    await show.publish(show.commit(0, 'AVAILABLE'));
    await tick();
    expect(c.versions()).toEqual(['S4', 5]);
    show.feeds.close();
  });

  it('gives a slow subscriber one snapshot once it drains instead of queueing every change', async () => {
    const show = fakeShow();
    let slow = false;
    const c = collector({ backedUp: () => slow });
    show.feeds.attach(show.showId, c.sink, null);
    await tick();
    await show.publish(show.commit(0, 'HELD'));
    slow = true;
    for (let i = 1; i < 4; i++) await show.publish(show.commit(i, 'HELD'));
    await tick(150);
    expect(c.versions()).toEqual([1]);
    slow = false;
    await tick(150);
    await show.publish(show.commit(0, 'AVAILABLE'));
    await tick();
    expect(c.versions()).toEqual([1, 'S4', 5]);
    expect(c.got[1]!.seats.map((s) => s.status)).toEqual(['HELD', 'HELD', 'HELD', 'HELD']);
    show.feeds.close();
  });

  it('catches up from the log on resync when a message was lost and nothing followed it', async () => {
    const show = fakeShow();
    const c = collector();
    show.feeds.attach(show.showId, c.sink, null);
    await tick();
    show.commit(2, 'HELD'); // committed and numbered, its message lost
    await show.feeds.resync();
    await tick();
    expect(c.versions()).toEqual([1]);
    show.feeds.close();
  });

  it('a catch-up read overtaken by pub/sub delivering the same versions sends nothing twice and no snapshot', async () => {
    const show = fakeShow();
    const c = collector();
    show.feeds.attach(show.showId, c.sink, null);
    await tick();
    const v1 = show.commit(0, 'HELD');
    const v2 = show.commit(1, 'HELD');
    const open = show.gateReads();
    const resync = show.feeds.resync(); // sees version 2 in Postgres, reads the log...
    await tick();
    await show.publish(v1, v2); // ...while the relay's message arrives first
    await tick();
    open();
    await resync;
    await tick();
    expect(c.versions()).toEqual([1, 2]);
    show.feeds.close();
  });
});
