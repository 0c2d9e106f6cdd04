import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowFixture } from '../helpers/fixtures.js';
import { createHarness, type Harness } from '../helpers/harness.js';
import { seatStates } from '../helpers/seats.js';
import { createCluster, holdOverHttp, ownRedis, tokenCustomers } from './cluster.js';
import { applyChanges, consecutive, seatMapOf, versionsOf, watchSeats, type SeatWatcher } from './helpers.js';

/**
 * Crashes and outages: the worker (sequencer and relay) killed mid-stream, Redis stopped and
 * started. This file runs its own redis-server, so stopping it disturbs no other test.
 */
let h: Harness;
let redis: Awaited<ReturnType<typeof ownRedis>>;
let cluster: ReturnType<typeof createCluster>;
/** The standalone worker running the sequencer and relay (replaced when a test kills it). */
let worker: Awaited<ReturnType<ReturnType<typeof createCluster>['worker']>>;
const watchers: SeatWatcher[] = [];
const watch = (...args: Parameters<typeof watchSeats>) => {
  const w = watchSeats(...args);
  watchers.push(w);
  return w;
};

beforeAll(async () => {
  h = await createHarness();
  redis = await ownRedis();
  cluster = createCluster(h, redis.url);
  worker = await cluster.worker();
});
afterAll(async () => {
  await Promise.all(watchers.map((w) => w.dispose()));
  await cluster?.stop();
  await redis?.stop();
  await h?.close();
});

/** Holds seats[from..to) one by one through `httpUrl`, ~`perSecond` a second; returns the codes. */
async function trickle(httpUrl: string, tokens: string[], showId: string, seatIds: string[], perSecond: number) {
  const codes: (string | undefined)[] = [];
  for (let i = 0; i < seatIds.length; i++) {
    codes.push(await holdOverHttp(httpUrl, tokens[i]!, showId, seatIds[i]!));
    await new Promise((r) => setTimeout(r, 1000 / perSecond));
  }
  return codes;
}

async function unpublished(showId: string) {
  const [row] = await h.db.db.execute<{ n: number }>(
    sql`select count(*)::int as n from seat_changes where show_id = ${showId} and (published_at is null or version is null)`,
  );
  return row!.n;
}

/** The seat map once `expected` versions exist and the relay published every one of them. */
async function untilAllPublished(httpUrl: string, showId: string, expected: number) {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const map = await seatMapOf(httpUrl, showId);
    if (map.version >= expected && (await unpublished(showId)) === 0) return map;
    if (Date.now() > deadline) throw new Error(`version ${map.version}, ${await unpublished(showId)} unpublished`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('crashes and outages', () => {
  it('the worker killed mid-stream and started again: nothing lost, nothing reordered', async () => {
    const api = await cluster.api();
    const f = await createShowFixture(h.services, { rows: 5, seatsPerRow: 12 });
    const seats = (await seatStates(h, f.showId)).map((s) => s.id);
    const tokens = await tokenCustomers(h, 60);
    const initial = await seatMapOf(api.httpUrl, f.showId);
    const w = watch(api.wsUrl, f.showId, initial.version);
    await new Promise((r) => setTimeout(r, 300));

    const driving = trickle(api.httpUrl, tokens, f.showId, seats.slice(0, 60), 60);
    await w.until(() => w.events.length >= 15);
    worker.child.kill('SIGKILL'); // mid-batch, maybe between publishing and stamping
    await worker.exited;
    await new Promise((r) => setTimeout(r, 400)); // holds keep committing, unnumbered
    worker = await cluster.worker();
    const codes = await driving;
    expect(codes.filter(Boolean)).toEqual([]);
    const final = await untilAllPublished(api.httpUrl, f.showId, initial.version + 60);
    await w.until(() => w.lastVersion() === final.version);
    expect(versionsOf(w.events)).toEqual(consecutive(initial.version + 1, final.version));
    expect(applyChanges(initial.map, w.events)).toEqual(final.map);
  });

  it('Redis stopped then started: mutations keep working meanwhile and the events resume, none lost', async () => {
    const api = await cluster.api();
    const f = await createShowFixture(h.services, { rows: 5, seatsPerRow: 12 });
    const seats = (await seatStates(h, f.showId)).map((s) => s.id);
    const tokens = await tokenCustomers(h, 45);
    const initial = await seatMapOf(api.httpUrl, f.showId);
    const w = watch(api.wsUrl, f.showId, initial.version);
    await new Promise((r) => setTimeout(r, 300));

    expect((await trickle(api.httpUrl, tokens.slice(0, 15), f.showId, seats.slice(0, 15), 50)).filter(Boolean)).toEqual([]);
    await w.until(() => w.events.length >= 15);
    await redis.stop();
    const whileDown = await trickle(api.httpUrl, tokens.slice(15, 30), f.showId, seats.slice(15, 30), 50);
    expect(whileDown.filter(Boolean)).toEqual([]); // every hold committed without Redis
    await redis.start();
    expect((await trickle(api.httpUrl, tokens.slice(30), f.showId, seats.slice(30, 45), 50)).filter(Boolean)).toEqual([]);
    const final = await untilAllPublished(api.httpUrl, f.showId, initial.version + 45);
    await w.until(() => w.lastVersion() === final.version, 20_000);
    expect(versionsOf(w.events)).toEqual(consecutive(initial.version + 1, final.version));
    expect(applyChanges(initial.map, w.events)).toEqual(final.map);
  });
});
