/**
 * npm run bench:fanout — live seat maps to thousands of WebSocket subscribers of one show.
 *
 * For each N (BENCH_SUBSCRIBERS, default 2,000 and 5,000): starts the API as its own process
 * (Redis pub/sub, the worker in-process), opens N graphql-ws subscribers of `seatChanged` on one
 * show, then drives 20 seat changes/s (BENCH_RATE) through the API's holdSeats for a warm-up and
 * 10 s of measurement. Prints delivered/expected, latency from the commit (the seat transaction's
 * own timestamp in Postgres, same machine clock) to receipt, and the API's RSS per subscribed
 * connection. Then the same subscribers and the same payloads on a minimal graphql-ws server that
 * publishes from memory with graphql-ws's defaults, as the baseline.
 */
import { fork } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { Pool } from 'undici';
import { createDb } from '../src/db/client.js';
import { createTokenIssuer } from '../src/domain/auth/tokens.js';
import { BENCH_JWT_SECRET, benchServices } from './lib/bench-services.js';
import { startApiProcess } from './lib/api-process.js';
import { freshDatabase } from './lib/bench-db.js';
import { fmt, percentile } from './lib/stats.js';
import { openSwarm, wallNow, type Swarm } from './lib/ws-swarm.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

const SIZES = (process.env['BENCH_SUBSCRIBERS'] ?? '2000,5000').split(',').map(Number);
const RATE = Number(process.env['BENCH_RATE'] ?? 20);
const WARMUP_S = Number(process.env['BENCH_WARMUP_S'] ?? 3);
const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 10);
const REDIS_URL = process.env['REDIS_URL'] ?? 'redis://127.0.0.1:6379';
/** BENCH_BASELINE=0 skips the baseline server (profiling the API alone). */
const BASELINE = process.env['BENCH_BASELINE'] !== '0';
const BUYERS = 60;
const QUERY =
  'subscription S($show: ID!, $after: Int) { seatChanged(showId: $show, afterVersion: $after) { version snapshot seats { id status } } }';
const HOLD = 'mutation H($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }';

interface RunResult {
  label: string;
  size: number;
  expected: number;
  delivered: number;
  duplicates: number;
  snapshots: number;
  latencies: number[];
  rssPerConnKb: number;
  extra?: string;
}

const rssOf = (pid: number) =>
  Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;

async function setUp(url: string, shows: number) {
  const handle = createDb(url, { max: 4 });
  const services = benchServices(handle.db);
  const city = await services.admin.createCity(SYSTEM_ACTOR, {
    name: 'Fan-out City',
    country: 'DE',
    timezone: 'Europe/Berlin',
  });
  const venue = await services.admin.createVenue(SYSTEM_ACTOR, { cityId: city.id, name: 'Hall' });
  const letter = (r: number): string =>
    r < 26 ? String.fromCharCode(65 + r) : letter(Math.floor(r / 26) - 1) + letter(r % 26);
  // 2,000 seats: every hold of a run takes a seat nobody held before, so a change is found by its seat.
  const rows = Array.from({ length: 40 }, (_, r) => ({ label: letter(r), seats: 50 }));
  const screen = await services.admin.createScreen(SYSTEM_ACTOR, {
    venueId: venue.id,
    name: 'Main',
    layout: { sections: [{ name: 'Stalls', rows }] },
  });
  const event = await services.admin.createEvent(SYSTEM_ACTOR, {
    kind: 'CONCERT',
    title: 'Fan-out',
    durationMinutes: 120,
  });
  const showIds: string[] = [];
  for (let i = 0; i < shows; i++) {
    const show = await services.admin.scheduleShow(SYSTEM_ACTOR, {
      eventId: event.id,
      screenId: screen.id,
      startsAt: new Date(Date.now() + (7 + i) * 24 * 3600 * 1000),
      currency: 'EUR',
      prices: [{ section: 'Stalls', amount: 5000 }],
    });
    showIds.push(show.id);
  }
  const userIds = Array.from({ length: BUYERS }, () => crypto.randomUUID());
  await handle.db.execute(sql`
    insert into users (id, email, name, password_hash)
    select id, 'fanout-' || id || '@example.test', 'Buyer', 'scrypt$unusable' from unnest(${sql.param(userIds)}::uuid[]) as id`);
  const tokens = createTokenIssuer(BENCH_JWT_SECRET, 3600);
  const bearer = await Promise.all(userIds.map((id) => tokens.sign({ id, tokenVersion: 0 })));
  return { handle, showIds, bearer };
}

/** Calls `tick(k)` RATE times a second, on schedule (no drift), until `endAt` (wall ms). */
async function paced(endAt: number, tick: (k: number) => void) {
  const start = wallNow();
  for (let k = 0; ; k++) {
    const due = start + (k * 1000) / RATE;
    if (due >= endAt) return;
    const wait = due - wallNow();
    if (wait > 0) await sleep(wait);
    tick(k);
  }
}

/** Waits until every subscriber got `version` (the subscription is live end to end). */
async function untilAllReceived(swarm: Swarm, version: number, what: string) {
  const deadline = Date.now() + 60_000;
  while (swarm.countReceived(version) < swarm.size) {
    if (Date.now() > deadline)
      throw new Error(`${what}: ${swarm.countReceived(version)}/${swarm.size} got version ${version}`);
    await sleep(100);
  }
}

async function runApi(
  ctx: Awaited<ReturnType<typeof setUp>>,
  url: string,
  showId: string,
  size: number,
): Promise<RunResult> {
  const api = await startApiProcess({
    DATABASE_URL: url,
    REDIS_URL,
    JWT_SECRET: BENCH_JWT_SECRET,
    NODE_ENV: 'production',
    RATE_LIMITS: 'off',
    RUN_WORKER: 'true',
  });
  const pool = new Pool(api.origin, { connections: 16 });
  const seats = (
    await ctx.handle.db.execute<{ id: string }>(sql`
      select ss.id from show_seats ss join seats s on s.id = ss.seat_id where ss.show_id = ${showId} order by s.y, s.x`)
  ).map((r) => r.id);
  let nextSeat = 0;
  const errors = new Map<string, number>();
  const hold = async (buyer: number) => {
    const res = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${ctx.bearer[buyer % BUYERS]}` },
      body: JSON.stringify({ query: HOLD, variables: { i: { showId, seatIds: [seats[nextSeat++]!] } } }),
    });
    const body = (await res.body.json()) as { errors?: { extensions?: { code?: string } }[] };
    const code = body.errors?.[0]?.extensions?.code;
    if (code) errors.set(code, (errors.get(code) ?? 0) + 1);
  };
  const version = async () =>
    (
      await ctx.handle.db.execute<{ v: number }>(
        sql`select version as v from show_seat_versions where show_id = ${showId}`,
      )
    )[0]!.v;
  try {
    await sleep(1000); // let the process settle before the idle RSS
    const rssBefore = rssOf(api.child.pid!);
    const v0 = await version();
    const capacity = Math.ceil((WARMUP_S + DURATION_S + 10) * RATE) + 50;
    const swarm = await openSwarm({
      url: api.url.replace('http', 'ws'),
      size,
      query: QUERY,
      variables: { show: showId, after: v0 },
      firstVersion: v0 + 1,
      capacity,
    });
    // Gate: one change reaches every subscriber (replayed or live) before anything is measured.
    await hold(0);
    await untilAllReceived(swarm, v0 + 1, 'API gate');
    await sleep(500);
    const rssAfter = rssOf(api.child.pid!);
    const started = wallNow();
    const measureFrom = started + WARMUP_S * 1000;
    const measureTo = measureFrom + DURATION_S * 1000;
    const inFlight: Promise<void>[] = [];
    await paced(measureTo, (k) => inFlight.push(hold(k + 1)));
    await Promise.all(inFlight);
    await sleep(3000); // stragglers
    const changes = await ctx.handle.db.execute<{ version: number; at: number }>(sql`
      select version, extract(epoch from created_at) * 1000 as at from seat_changes
      where show_id = ${showId} and version is not null order by version`);
    const measured = changes.filter((c) => Number(c.at) >= measureFrom && Number(c.at) < measureTo);
    const latencies: number[] = [];
    let delivered = 0;
    for (const c of measured) {
      for (let i = 0; i < size; i++) {
        const t = swarm.receivedAt(i, c.version);
        if (Number.isNaN(t)) continue;
        delivered++;
        latencies.push(t - Number(c.at));
      }
    }
    const result: RunResult = {
      label: 'API (Redis, seatChanged fast path)',
      size,
      expected: measured.length * size,
      delivered,
      duplicates: swarm.duplicates,
      snapshots: swarm.snapshots,
      latencies,
      rssPerConnKb: (rssAfter - rssBefore) / size / 1024,
      extra: `${measured.length} changes measured; holdSeats errors: ${[...errors].map(([c, n]) => `${c}:${n}`).join(' ') || 'none'}`,
    };
    await swarm.close();
    return result;
  } finally {
    await pool.close();
    await api.stop();
  }
}

async function runBaseline(showId: string, size: number): Promise<RunResult> {
  // BENCH_BASELINE_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof" profiles the baseline server.
  const flags = (process.env['BENCH_BASELINE_NODE_FLAGS'] ?? '').split(' ').filter(Boolean);
  const child = fork(fileURLToPath(new URL('./lib/baseline-ws-server.ts', import.meta.url)), [], {
    execArgv: [...flags, '--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (m: { port: number }) => resolve(m.port));
    child.once('exit', (code) => reject(new Error(`baseline exited with ${code}`)));
  });
  try {
    await sleep(1000);
    const rssBefore = rssOf(child.pid!);
    const capacity = Math.ceil((WARMUP_S + DURATION_S + 10) * RATE) + 50;
    const swarm = await openSwarm({
      url: `ws://127.0.0.1:${port}/graphql`,
      size,
      query: QUERY,
      variables: { show: showId, after: 0 },
      firstVersion: 1,
      capacity,
    });
    // The same payload shape as the API's: the seat a buyer left and the seat it took.
    const payload = (version: number) => ({
      showId,
      version,
      snapshot: false,
      seats: [
        { id: crypto.randomUUID(), status: 'AVAILABLE' },
        { id: crypto.randomUUID(), status: 'HELD' },
      ],
    });
    // Gate: publish until every subscriber's listener is attached and got one.
    let version = 1;
    for (;;) {
      child.send({ type: 'publish', payload: payload(version) });
      await sleep(300);
      if (swarm.countReceived(version) === size) break;
      if (++version > 100) throw new Error('baseline gate failed');
    }
    const rssAfter = rssOf(child.pid!);
    const sentAt = new Map<number, number>();
    const measureFrom = wallNow() + WARMUP_S * 1000;
    const measureTo = measureFrom + DURATION_S * 1000;
    await paced(measureTo, () => {
      version++;
      sentAt.set(version, wallNow());
      child.send({ type: 'publish', payload: payload(version) });
    });
    await sleep(3000);
    const latencies: number[] = [];
    let expected = 0;
    let delivered = 0;
    for (const [v, at] of sentAt) {
      if (at < measureFrom) continue;
      expected += size;
      for (let i = 0; i < size; i++) {
        const t = swarm.receivedAt(i, v);
        if (Number.isNaN(t)) continue;
        delivered++;
        latencies.push(t - at);
      }
    }
    const result: RunResult = {
      label: 'baseline: minimal graphql-ws, defaults',
      size,
      expected,
      delivered,
      duplicates: swarm.duplicates,
      snapshots: swarm.snapshots,
      latencies,
      rssPerConnKb: (rssAfter - rssBefore) / size / 1024,
    };
    await swarm.close();
    return result;
  } finally {
    child.send({ type: 'stop' });
    await new Promise((resolve) => child.once('exit', resolve));
  }
}

function print(results: RunResult[]) {
  const header = ['server', 'subscribers', 'delivered/expected', 'p50 ms', 'p99 ms', 'max ms', 'RSS/conn KB'];
  const rows = results.map((r) => [
    r.label,
    String(r.size),
    `${r.delivered}/${r.expected} (${fmt((100 * r.delivered) / Math.max(1, r.expected), 2)}%)`,
    fmt(percentile(r.latencies, 50)),
    fmt(percentile(r.latencies, 99)),
    fmt(percentile(r.latencies, 100)),
    fmt(r.rssPerConnKb),
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i < 1 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join('  ');
  console.log(line(header));
  for (const r of rows) console.log(line(r));
  for (const r of results) {
    if (r.duplicates || r.snapshots || r.extra) {
      console.log(
        `  ${r.label}, ${r.size}: duplicates ${r.duplicates}, snapshots ${r.snapshots}${r.extra ? `; ${r.extra}` : ''}`,
      );
    }
  }
}

async function main() {
  console.log(
    `bench:fanout  subscribers=${SIZES.join(',')} rate=${RATE}/s warm-up=${WARMUP_S}s measure=${DURATION_S}s cores=${os.cpus().length} redis=${REDIS_URL}`,
  );
  const url = await freshDatabase('boxoffice_bench_fanout');
  const ctx = await setUp(url, SIZES.length);
  const results: RunResult[] = [];
  try {
    for (const [i, size] of SIZES.entries()) {
      results.push(await runApi(ctx, url, ctx.showIds[i]!, size));
      if (BASELINE) results.push(await runBaseline(ctx.showIds[i]!, size));
      print(results.slice(-2));
      console.log();
    }
  } finally {
    await ctx.handle.close();
  }
  console.log('all runs:');
  print(results);
}

await main();
