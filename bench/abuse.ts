/**
 * npm run bench:abuse — does one abuser's flood slow everyone else down?
 *
 * Starts the API as its own process (clients identified by X-Forwarded-For from loopback) on a
 * fresh database with one 500-seat show, first with RATE_LIMITS=off, then with the limits on.
 * In each:
 *
 * 1. capacity: how many of these seat maps a second the server answers at most (closed loop,
 *    spread over many IPs so no limit applies);
 * 2. normal users: one user per IP reading the seat map once a second, as many users as make up a
 *    quarter of that capacity, without a pause for the whole run (open loop: a slow server cannot
 *    slow the senders down);
 * 3. meanwhile one abuser on one IP, in its own thread with 32 connections, floods in cycles of
 *    phases: the same query as fast as it can (the show cache answers it), nothing, a
 *    cache-busting variant (a new operation name each time, so each one is executed), nothing.
 *    After the abuser stops, 11 s pass (requests held back by the rate limits drain) before an
 *    alone phase counts. Each normal request counts for the phase it was sent in, so drift of the
 *    shared machine hits every phase alike, and percentiles are taken over all cycles.
 *
 * Prints the normal users' p50/p95/p99 per phase, the p99 ratio per kind of abuser (target: up by
 * at most 10%) with a 95% interval from resampling whole cycles, the same ratio between the two
 * kinds of alone phase (the noise floor), the CPU per phase, and what the abuser got.
 */
import { readFileSync } from 'node:fs';
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { createDb } from '../src/db/client.js';
import { BENCH_JWT_SECRET, benchServices } from './lib/bench-services.js';
import { startApiProcess } from './lib/api-process.js';
import { freshDatabase } from './lib/bench-db.js';
import { fmt, percentile } from './lib/stats.js';

const PHASE_S = Number(process.env['BENCH_PHASE_S'] ?? 4);
// Refused requests are held up to 10 s (holdRefusalsMs) plus 1 s of jitter: they drain before an alone phase counts.
const DRAIN_S = 11;
/** Cycles with the limits on; off, the effect is large and 2 show it. */
const CYCLES = Number(process.env['BENCH_CYCLES'] ?? 6);
const LOAD_SHARE = Number(process.env['BENCH_LOAD_SHARE'] ?? 0.25);
const MODES = (process.env['BENCH_MODES'] ?? 'off,on').split(',') as ('off' | 'on')[];
const ABUSER_CONNECTIONS = Number(process.env['BENCH_ABUSER_CONNECTIONS'] ?? 32);
const SEAT_MAP = (id: string) =>
  JSON.stringify({
    query: `query($id: ID!) { show(id: $id) { seatMap { version seats { id label status price { amount currency } } } } }`,
    variables: { id },
  });

/** The abuser's answers by mode ('same', 'bust') and HTTP status. */
type AbuserCounts = Record<string, Record<string, number>>;

/**
 * The abuser's thread (plain JS: tsx does not reach worker threads): a closed loop on N
 * connections from one IP until told to stop. Its own thread, so its client work does not delay
 * the normal users' clock.
 */
const ABUSER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { Pool } = require('undici');
const { origin, body, connections } = workerData;
const pool = new Pool(origin, { connections, pipelining: 1 });
// 'same', 'bust' (a new document each time: a unique operation name) or 'pause'; 'stop' ends it.
let mode = 'pause';
let n = 0;
const counts = {};
parentPort.on('message', (m) => (mode = m));
const pause = () => new Promise((r) => setTimeout(r, 20));
Promise.all(Array.from({ length: connections }, async () => {
  while (mode !== 'stop') {
    if (mode === 'pause') { await pause(); continue; }
    const sentIn = mode;
    const res = await pool.request({ path: '/graphql', method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.66' },
      body: sentIn === 'bust' ? body.replace('query(', 'query Bust' + (n++) + '(') : body });
    await res.body.dump();
    const c = (counts[sentIn] ??= {});
    c[res.statusCode] = (c[res.statusCode] || 0) + 1;
  }
})).then(() => pool.close()).then(() => parentPort.postMessage(counts));
`;

const userIp = (i: number) => `198.51.${Math.floor(i / 250)}.${i % 250}`;

function post(pool: Pool, body: string, ip: string) {
  return pool.request({
    path: '/graphql',
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
    body,
  });
}

/** Seat maps a second the server answers at most: a closed loop over many IPs, so no limit applies. */
async function capacity(origin: string, body: string, seconds: number): Promise<number> {
  const pool = new Pool(origin, { connections: 8, pipelining: 1 });
  const end = performance.now() + seconds * 1000;
  let answered = 0;
  let next = 0;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < end) {
        const res = await post(pool, body, `192.0.2.${next++ % 250}`);
        const text = await res.body.text();
        if (res.statusCode === 200 && !text.includes('"errors"')) answered++;
      }
    }),
  );
  await pool.close();
  return answered / seconds;
}

type Phase = 'alone' | 'same query' | 'cache-busting' | 'alone (2)' | 'drain';

/**
 * `users` users, each reading the seat map once a second from its own IP, until `done`; each
 * latency (ms) is filed under the phase current when the request was due.
 */
async function steadyLoad(
  origin: string,
  body: string,
  users: number,
  phaseNow: () => { phase: Phase; cycle: number },
  done: Promise<void>,
): Promise<{ latencies: Map<Phase, number[]>; byCycle: Map<Phase, number[][]>; errors: Map<Phase, number> }> {
  const pool = new Pool(origin, { connections: Math.min(users, 64), pipelining: 1 });
  const latencies = new Map<Phase, number[]>();
  const byCycle = new Map<Phase, number[][]>();
  const errors = new Map<Phase, number>();
  let finished = false;
  void done.then(() => (finished = true));
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; !finished; i++) {
    const due = started + (i * 1000) / users;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    const { phase, cycle } = phaseNow();
    inflight.push(
      (async () => {
        const t = performance.now();
        const res = await post(pool, body, userIp(i % users));
        const text = await res.body.text();
        // Latency from when the request was due, so a stalled sender counts against the server.
        const ms = performance.now() - Math.min(t, due);
        (latencies.get(phase) ?? latencies.set(phase, []).get(phase)!).push(ms);
        const cycles = byCycle.get(phase) ?? byCycle.set(phase, []).get(phase)!;
        (cycles[cycle] ??= []).push(ms);
        if (res.statusCode !== 200 || text.includes('"errors"')) errors.set(phase, (errors.get(phase) ?? 0) + 1);
      })(),
    );
  }
  await Promise.all(inflight);
  await pool.close();
  return { latencies, byCycle, errors };
}

/**
 * A 95% interval for the ratio of pooled p99s, abused over alone, resampling whole cycles with
 * replacement and keeping each cycle's phases together: the machine's drift is shared within a
 * cycle, and a few slow moments (a GC pause, the host) decide a p99 of a few thousand requests.
 */
function ratioInterval(abused: number[][], alone: number[][], rounds = 1_000): [number, number] {
  const n = Math.min(abused.length, alone.length);
  const ratios: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const picks = Array.from({ length: n }, () => Math.floor(Math.random() * n));
    const pooled = (cycles: number[][]) => picks.flatMap((i) => cycles[i] ?? []);
    ratios.push(percentile(pooled(abused), 99) / percentile(pooled(alone), 99));
  }
  return [percentile(ratios, 2.5), percentile(ratios, 97.5)];
}

/** CPU time (ms) a process has used so far, from /proc (Linux). */
function cpuMs(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}
const CLOCK_TICKS = 100;

/**
 * Normal users throughout; the abuser cycles through its phases `cycles` times. Also sums the CPU
 * the API process and this process (load generator and abuser) use in each phase.
 */
async function abuseCycles(origin: string, body: string, users: number, cycles: number, apiPid: number) {
  const worker = new Worker(ABUSER_SOURCE, {
    eval: true,
    workerData: { origin, body, connections: ABUSER_CONNECTIONS },
  });
  const counts = new Promise<AbuserCounts>((resolve, reject) => worker.once('message', resolve).once('error', reject));
  let phase: Phase = 'drain';
  let cycle = 0;
  let stopLoad!: () => void;
  const loadDone = new Promise<void>((resolve) => (stopLoad = resolve));
  const load = steadyLoad(origin, body, users, () => ({ phase, cycle }), loadDone);
  const hold = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  await hold(DRAIN_S);
  const cpu = new Map<Phase, { api: number; bench: number; seconds: number }>();
  const measure = async (seconds: number) => {
    const api0 = cpuMs(apiPid);
    const bench0 = process.cpuUsage();
    await hold(seconds);
    const bench = process.cpuUsage(bench0);
    const sum = cpu.get(phase) ?? cpu.set(phase, { api: 0, bench: 0, seconds: 0 }).get(phase)!;
    sum.api += cpuMs(apiPid) - api0;
    sum.bench += (bench.user + bench.system) / 1000;
    sum.seconds += seconds;
  };
  for (; cycle < cycles; cycle++) {
    for (const [next, abuser] of [
      ['same query', 'same'],
      ['alone', 'pause'],
      ['cache-busting', 'bust'],
      ['alone (2)', 'pause'],
    ] as const) {
      worker.postMessage(abuser);
      if (abuser === 'pause') {
        phase = 'drain';
        await hold(DRAIN_S);
      }
      phase = next;
      await measure(PHASE_S);
    }
  }
  phase = 'drain';
  worker.postMessage('stop');
  stopLoad();
  const result = await load;
  const abuser = await counts;
  await worker.terminate();
  return { ...result, abuser, cpu };
}

async function runAgainst(url: string, showId: string, rateLimits: 'on' | 'off', cycles: number, fixedUsers?: number) {
  const api = await startApiProcess({
    DATABASE_URL: url,
    JWT_SECRET: BENCH_JWT_SECRET,
    RUN_WORKER: 'false',
    RATE_LIMITS: rateLimits,
    TRUST_PROXY: 'loopback',
    NODE_ENV: 'production',
  });
  try {
    const body = SEAT_MAP(showId);
    await capacity(api.origin, body, 3); // warm-up: JIT, pools, caches
    const measured = await capacity(api.origin, body, 3);
    const users = fixedUsers ?? Math.max(1, Math.round(measured * LOAD_SHARE));
    return { capacity: measured, users, ...(await abuseCycles(api.origin, body, users, cycles, api.child.pid!)) };
  } finally {
    await api.stop();
  }
}

async function main() {
  const url = await freshDatabase('boxoffice_bench_abuse');
  const handle = createDb(url, { max: 2 });
  const services = benchServices(handle.db);
  const city = await services.admin.createCity({
    name: 'Bench City',
    country: 'DE',
    timezone: 'Europe/Berlin',
  });
  const venue = await services.admin.createVenue({ cityId: city.id, name: 'Hall' });
  const rows = Array.from({ length: 20 }, (_, r) => ({ label: String.fromCharCode(65 + r), seats: 25 }));
  const screen = await services.admin.createScreen({
    venueId: venue.id,
    name: 'Main',
    layout: { sections: [{ name: 'Stalls', rows }] },
  });
  const event = await services.admin.createEvent({ kind: 'CONCERT', title: 'Abuse', durationMinutes: 90 });
  const show = await services.admin.scheduleShow({
    eventId: event.id,
    screenId: screen.id,
    startsAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    currency: 'EUR',
    prices: [{ section: 'Stalls', amount: 5000 }],
  });
  await handle.close();

  console.log(
    `seat map of 500 seats; normal users: 1 request/s each from its own IP, ${LOAD_SHARE * 100}% of the measured capacity; ` +
      `abuser: 1 IP, ${ABUSER_CONNECTIONS} connections, closed loop`,
  );
  console.log(`rate limits: ${process.env['REDIS_URL'] ? 'Redis' : 'in-process'}\n`);
  let users: number | undefined;
  for (const mode of MODES) {
    const cycles = mode === 'on' ? CYCLES : Math.min(CYCLES, 2);
    const run = await runAgainst(url, show.id, mode, cycles, users);
    users = run.users; // the same load in both modes
    const all = (phase: Phase) => run.latencies.get(phase) ?? [];
    const aloneBoth = [...all('alone'), ...all('alone (2)')];
    const aloneP99 = percentile(aloneBoth, 99);
    console.log(
      `RATE_LIMITS=${mode}  capacity ${fmt(run.capacity, 0)} seat maps/s; ${run.users} normal users (${run.users} requests/s); ` +
        `${cycles} cycles of ${PHASE_S} s phases`,
    );
    const cpuOf = (phase: Phase | null) => {
      const c = phase && run.cpu.get(phase);
      return c ? `  CPU ms/s: API ${fmt(c.api / c.seconds, 0)}, load+abuser ${fmt(c.bench / c.seconds, 0)}` : '';
    };
    const line = (label: string, phase: Phase | null, values: number[], extra = '') =>
      console.log(
        `  ${label.padEnd(24)}n ${String(values.length).padStart(5)}  p50 ${fmt(percentile(values, 50)).padStart(6)}  ` +
          `p95 ${fmt(percentile(values, 95)).padStart(6)}  p99 ${fmt(percentile(values, 99)).padStart(6)} ms  errors ${phase ? (run.errors.get(phase) ?? 0) : 0}${cpuOf(phase)}${extra}`,
      );
    line('alone (both phases)', null, aloneBoth);
    const noise = percentile(all('alone (2)'), 99) / percentile(all('alone'), 99);
    line('  alone after same', 'alone', all('alone'));
    line('  alone after busting', 'alone (2)', all('alone (2)'), `  (p99 ratio between them: ${fmt(noise, 2)}, the noise floor)`);
    const abuserSeconds = cycles * PHASE_S;
    for (const [phase, key] of [
      ['same query', 'same'],
      ['cache-busting', 'bust'],
    ] as const) {
      const got = run.abuser[key] ?? {};
      const sent = Object.values(got).reduce((a, b) => a + b, 0);
      const aloneByCycle = (run.byCycle.get('alone') ?? []).map((c, i) => [
        ...(c ?? []),
        ...(run.byCycle.get('alone (2)')?.[i] ?? []),
      ]);
      const [low, high] = ratioInterval(run.byCycle.get(phase) ?? [], aloneByCycle);
      line(
        `abuser: ${phase}`,
        phase,
        all(phase),
        `  p99 ratio ${fmt(percentile(all(phase), 99) / aloneP99, 2)} (95%: ${fmt(low, 2)}-${fmt(high, 2)}); ` +
          `abuser ~${fmt(sent / abuserSeconds, 0)} req/s ${JSON.stringify(got)}`,
      );
    }
    console.log('');
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
