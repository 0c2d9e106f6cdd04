import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSeatChangeService } from '../../src/domain/seat-changes/seat-change.service.js';
import type { PubSub } from '../../src/realtime/pubsub.js';
import type { SeatChangesMessage } from '../../src/realtime/topics.js';
import { createShowFixture } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seatStates, settle } from '../helpers/seats.js';
import { createCustomers } from '../helpers/users.js';
import { HOLD } from './helpers.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness({ poolMax: 20 });
});
afterAll(() => h.close());

/** A pub/sub that records what reaches "Redis"; `failEvery` makes some publishes fail after delivery. */
function recorder(opts: { failAfterDelivery?: (n: number) => boolean } = {}) {
  const delivered: number[] = [];
  let calls = 0;
  const rec = { pubsub: undefined as unknown as PubSub, delivered, messages: 0 };
  rec.pubsub = {
    async publish(_topic, message) {
      rec.messages += 1;
      await new Promise((r) => setTimeout(r, Math.random() * 3)); // the network, so relays interleave
      delivered.push(...(message as SeatChangesMessage).changes.map((c) => c.version));
      // Delivered, then the relay "crashed" before its commit: the batch stays unpublished.
      if (opts.failAfterDelivery?.(++calls)) throw new Error('connection reset');
    },
    subscribe: async () => () => {},
    onReconnect: () => () => {},
    close: async () => {},
  };
  return rec;
}

async function makeChanges(n: number) {
  const f = await createShowFixture(h.services, { rows: 10, seatsPerRow: 20 });
  const seats = await seatStates(h, f.showId);
  const users = await createCustomers(h, n);
  await Promise.all(users.map((u, i) => h.exec(HOLD, { input: { showId: f.showId, seatIds: [seats[i]!.id] } }, u)));
  await settle(h);
  return f.showId;
}

const unpublished = async (showId: string) =>
  (
    await h.db.db.execute<{ n: number }>(
      sql`select count(*)::int as n from seat_changes where show_id = ${showId} and published_at is null`,
    )
  )[0]!.n;

describe('outbox relay', () => {
  it('four relays running while changes are committed publish every version exactly once, in version order', async () => {
    const f = await createShowFixture(h.services, { rows: 10, seatsPerRow: 20 });
    const seats = await seatStates(h, f.showId);
    const users = await createCustomers(h, 120);
    const rec = recorder();
    const relays = Array.from({ length: 4 }, () => createSeatChangeService({ db: h.db.db, pubsub: rec.pubsub }));
    let running = true;
    const loops = relays.map(async (r) => {
      while (running) if ((await r.relayPending()) === 0) await new Promise((res) => setTimeout(res, 2));
    });
    for (let wave = 0; wave < 12; wave++) {
      const batch = users.slice(wave * 10, wave * 10 + 10);
      await Promise.all(
        batch.map((u, i) => h.exec(HOLD, { input: { showId: f.showId, seatIds: [seats[wave * 10 + i]!.id] } }, u)),
      );
      await settle(h);
    }
    while ((await unpublished(f.showId)) > 0) await new Promise((res) => setTimeout(res, 10));
    running = false;
    await Promise.all(loops);
    expect(rec.delivered).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
    expect(rec.messages).toBeGreaterThan(5); // the backlog really went out in several batches
  });

  it('after a crash between publishing and stamping, re-publishes the batch: nothing lost, never out of order', async () => {
    const showId = await makeChanges(60);
    // The first publish reaches Redis and then fails before the stamp (a crash between publish
    // and commit): the next run publishes the same versions again.
    const rec = recorder({ failAfterDelivery: (n) => n % 2 === 1 });
    const relay = createSeatChangeService({ db: h.db.db, pubsub: rec.pubsub });
    for (let i = 0; i < 10 && (await unpublished(showId)) > 0; i++) await relay.relayPending().catch(() => 0);
    expect(await unpublished(showId)).toBe(0);
    // Each version arrived at least once, and what a subscriber keeps (new versions only) is 1..60.
    const kept: number[] = [];
    for (const v of rec.delivered) if (v === (kept.at(-1) ?? 0) + 1) kept.push(v);
    expect(kept).toEqual(Array.from({ length: 60 }, (_, i) => i + 1));
    expect(new Set(rec.delivered).size).toBe(60);
  });

  it('while pub/sub is down nothing is stamped, and everything goes out once it is back', async () => {
    const showId = await makeChanges(10);
    let down = true;
    const delivered: number[] = [];
    const pubsub: PubSub = {
      publish: async (_t, m) => {
        if (down) throw new Error('ECONNREFUSED');
        delivered.push(...(m as SeatChangesMessage).changes.map((c) => c.version));
      },
      subscribe: async () => () => {},
      onReconnect: () => () => {},
      close: async () => {},
    };
    const relay = createSeatChangeService({ db: h.db.db, pubsub });
    await expect(relay.relayPending()).rejects.toThrow(/publishing seat changes failed/);
    expect(await unpublished(showId)).toBe(10);
    down = false;
    await relay.relayPending();
    expect(delivered).toEqual(Array.from({ length: 10 }, (_, i) => i + 1));
  });

  it('prunes published changes older than the retention, never unpublished ones', async () => {
    const showId = await makeChanges(6);
    const rec = recorder();
    const relay = createSeatChangeService({ db: h.db.db, pubsub: rec.pubsub, clock: h.clock });
    // Publish the first 4 versions only, then age every row by two days.
    await h.db.db.execute(sql`update seat_changes set published_at = now() where show_id = ${showId} and version <= 4`);
    await h.db.db.execute(sql`update seat_changes set created_at = now() - interval '2 days' where show_id = ${showId}`);
    expect(await relay.prune(24, 1000)).toBeGreaterThanOrEqual(4);
    const left = await h.db.db.execute<{ version: number }>(
      sql`select version from seat_changes where show_id = ${showId} order by version`,
    );
    expect(left.map((r) => r.version)).toEqual([5, 6]);
  });
});
