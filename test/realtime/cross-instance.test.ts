import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowFixture } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seatStates } from '../helpers/seats.js';
import { createCluster, holdOverHttp, numsub, tokenCustomers } from './cluster.js';
import { applyChanges, consecutive, seatMapOf, versionsOf, watchSeats, type SeatWatcher } from './helpers.js';

/**
 * Two API processes on different ports and a standalone worker, sharing Postgres and Redis:
 * subscribers on one instance see what buyers do through the other.
 */
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
let h: Harness;
let cluster: ReturnType<typeof createCluster>;
let a: Awaited<ReturnType<ReturnType<typeof createCluster>['api']>>;
let b: typeof a;
const watchers: SeatWatcher[] = [];
const watch = (...args: Parameters<typeof watchSeats>) => {
  const w = watchSeats(...args);
  watchers.push(w);
  return w;
};

beforeAll(async () => {
  h = await createHarness();
  cluster = createCluster(h, REDIS_URL);
  [a, b] = await Promise.all([cluster.api(), cluster.api(), cluster.worker()]);
});
afterAll(async () => {
  await Promise.all(watchers.map((w) => w.dispose()));
  await cluster?.stop();
  await h?.close();
});

/** Waits until the API answers a seat map at `version` or later. */
async function seatMapAt(httpUrl: string, showId: string, version: number) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const map = await seatMapOf(httpUrl, showId);
    if (map.version >= version) return map;
    if (Date.now() > deadline) throw new Error(`seat map stuck at ${map.version} < ${version}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('seatChanged across API instances (shared Postgres and Redis)', () => {
  it('a hold through one instance reaches subscribers of the other with the right version; one Redis subscription per process', async () => {
    const f = await createShowFixture(h.services, { rows: 2, seatsPerRow: 10 });
    const [seat] = await seatStates(h, f.showId);
    const [token] = await tokenCustomers(h, 1);
    const { version } = await seatMapOf(a.httpUrl, f.showId);
    const onA = Array.from({ length: 5 }, () => watch(a.wsUrl, f.showId, version));
    const onB = Array.from({ length: 5 }, () => watch(b.wsUrl, f.showId, version));
    const deadline = Date.now() + 10_000;
    while ((await numsub(REDIS_URL, `show:${f.showId}`)) < 2 && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await numsub(REDIS_URL, `show:${f.showId}`)).toBe(2); // processes, not viewers

    expect(await holdOverHttp(b.httpUrl, token!, f.showId, seat!.id)).toBeUndefined();
    for (const w of [...onA, ...onB]) await w.until(() => w.events.length >= 1);
    for (const w of [...onA, ...onB]) {
      expect(w.events).toEqual([
        { showId: f.showId, version: version + 1, snapshot: false, seats: [{ id: seat!.id, status: 'HELD', label: seat!.label }] },
      ]);
    }
  });

  it('a burst of 100 concurrent holds from 100 users: the initial seat map plus the deltas is the final seat map', async () => {
    const f = await createShowFixture(h.services, { rows: 10, seatsPerRow: 12 });
    const seats = await seatStates(h, f.showId);
    const tokens = await tokenCustomers(h, 100);
    const initial = await seatMapOf(a.httpUrl, f.showId);
    const wa = watch(a.wsUrl, f.showId, initial.version);
    const wb = watch(b.wsUrl, f.showId, initial.version);
    await new Promise((r) => setTimeout(r, 300));
    // 100 users, overlapping wishes: some get their seat, some SEATS_UNAVAILABLE.
    const outcomes = await Promise.all(
      tokens.map((t, i) => holdOverHttp(i % 2 ? a.httpUrl : b.httpUrl, t, f.showId, seats[i % 70]!.id)),
    );
    expect(new Set(outcomes.filter(Boolean))).toEqual(new Set(['SEATS_UNAVAILABLE']));
    const won = outcomes.filter((o) => o === undefined).length;
    expect(won).toBe(70);
    const final = await seatMapAt(a.httpUrl, f.showId, initial.version + won);
    for (const w of [wa, wb]) {
      await w.until(() => w.lastVersion() === final.version);
      expect(versionsOf(w.events)).toEqual(consecutive(initial.version + 1, final.version));
      expect(applyChanges(initial.map, w.events)).toEqual(final.map);
    }
  });

  it('a client that reconnects with afterVersion during a burst (to the other instance) misses nothing and gets nothing twice', async () => {
    const f = await createShowFixture(h.services, { rows: 10, seatsPerRow: 12 });
    const seats = await seatStates(h, f.showId);
    const tokens = await tokenCustomers(h, 100);
    const initial = await seatMapOf(a.httpUrl, f.showId);
    const first = watch(a.wsUrl, f.showId, initial.version);
    await new Promise((r) => setTimeout(r, 300));
    // 100 holds in waves, so changes keep coming while the client is away and reconnecting.
    const burst = (async () => {
      for (let wave = 0; wave < 10; wave++) {
        await Promise.all(
          tokens.slice(wave * 10, wave * 10 + 10).map((t, i) => holdOverHttp(b.httpUrl, t, f.showId, seats[wave * 10 + i]!.id)),
        );
        await new Promise((r) => setTimeout(r, 40));
      }
    })();
    await first.until(() => first.events.length >= 25);
    await first.dispose();
    const seen = [...first.events];
    const second = watch(b.wsUrl, f.showId, seen.at(-1)!.version);
    await burst;
    const final = await seatMapAt(b.httpUrl, f.showId, initial.version + 100);
    await second.until(() => second.lastVersion() === final.version);
    expect(seen.length).toBeLessThan(90); // it really left in the middle of the burst
    const all = [...seen, ...second.events];
    expect(versionsOf(all)).toEqual(consecutive(initial.version + 1, final.version));
    expect(applyChanges(initial.map, all)).toEqual(final.map);
  });
});
