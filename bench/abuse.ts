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
 * 3. meanwhile one abuser with 32 connections floods in bursts of a phase each, cycling through:
 *    the same query as fast as it can (the show cache answers it), nothing, a cache-busting
 *    variant (a new operation name each time, so each one is executed), nothing. It runs as its
 *    own process at nice 19: on this shared machine its client work must not take the CPU the
 *    server needs, as it could not from another machine.
 *    Each burst comes from a new IP, so it starts with a new client's full budgets (the worst
 *    case: the minute budgets of a flooding IP would soon refuse all of it). When a burst ends the
 *    abuser drops its connections, and 1 s passes before an alone phase counts. Each normal
 *    request counts for the phase it was sent in, so drift of the shared machine hits every phase
 *    alike, and percentiles are taken over all cycles.
 *
 * Prints the normal users' p50/p95/p99 per phase, the p99 ratio per kind of burst (target: up by
 * at most 10%) with a 95% interval from resampling whole cycles, the same ratio between the two
 * kinds of alone phase (the noise floor), the CPU per phase, what the abuser got and the normal
 * users' errors. BENCH_TRACE=file writes every request's times, to see when the slow ones happen.
 */
import { writeFileSync } from 'node:fs';
import { spawn } from 'node:child_process';
import { Pool } from 'undici';
import { createDb } from '../src/db/client.js';
import { BENCH_JWT_SECRET, benchServices } from './lib/bench-services.js';
import { startApiProcess } from './lib/api-process.js';
import { freshDatabase } from './lib/bench-db.js';
import { processCpuMs } from './lib/process-cpu.js';
import { fmt, percentile } from './lib/stats.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

const PHASE_S = Number(process.env['BENCH_PHASE_S'] ?? 3);
/** After a burst, before an alone phase counts: the abuser's admitted requests finish. */
const DRAIN_S = 1;
/** Cycles with the limits on; off, the effect is large and 2 show it. */
const CYCLES = Number(process.env['BENCH_CYCLES'] ?? 20);
const LOAD_SHARE = Number(process.env['BENCH_LOAD_SHARE'] ?? 0.25);
const MODES = (process.env['BENCH_MODES'] ?? 'off,on').split(',') as ('off' | 'on')[];
const ABUSER_CONNECTIONS = Number(process.env['BENCH_ABUSER_CONNECTIONS'] ?? 32);
const SEAT_MAP = (id: string) =>
  JSON.stringify({
    query: `query($id: ID!) { show(id: $id) { seatMap { version seats { id label status price { amount currency } } } } }`,
    variables: { id },
  });

/** BENCH_TRACE=file: every request's times (ms since the epoch), normal users' and the abuser's, as JSON. */
const TRACE = process.env['BENCH_TRACE'];
/** One abuser request: sent, answered, mode, HTTP status. */
type AbuserEvent = [number, number, string, number];

/** The abuser's answers by mode ('same', 'bust') and HTTP status. */
type AbuserCounts = Record<string, Record<string, number>>;

/**
 * The abuser's process (plain JS, run with node -e): a closed loop on N
 * connections from one IP per burst until told to pause, when it drops its connections (and with
 * them the requests the rate limits hold back), as a client that gives up does. Its own process,
 * so its client work does not delay the normal users' clock.
 */
const ABUSER_SOURCE = `
const opts = JSON.parse(process.env.BENCH_ABUSER);
const { Pool } = require('undici');
const { origin, body, connections } = opts;
// 'same', 'bust' (a new document each time: a unique operation name) or 'pause'; 'stop' ends it.
let mode = 'pause';
let ip = '';
let pool = null;
let n = 0;
const counts = {};
const trace = [];
process.on('message', (m) => {
  const flooding = m.mode === 'same' || m.mode === 'bust';
  if (!flooding && pool) { pool.destroy().catch(() => {}); pool = null; }
  if (flooding && !pool) pool = new Pool(origin, { connections, pipelining: 1 });
  mode = m.mode;
  ip = m.ip;
});
const pause = () => new Promise((r) => setTimeout(r, 20));
Promise.all(Array.from({ length: connections }, async () => {
  while (mode !== 'stop') {
    if (!pool) { await pause(); continue; }
    const sentIn = mode;
    const t0 = performance.timeOrigin + performance.now();
    let status;
    try {
      const res = await pool.request({ path: '/graphql', method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': ip },
        body: sentIn === 'bust' ? body.replace('query(', 'query Bust' + (n++) + '(') : body });
      await res.body.dump();
      status = res.statusCode;
    } catch {
      continue; // dropped at the pause
    }
    if (opts.trace) trace.push([t0, performance.timeOrigin + performance.now(), sentIn, status]);
    const c = (counts[sentIn] ??= {});
    c[status] = (c[status] || 0) + 1;
  }
})).then(() => process.send({ counts, trace }, () => process.exit(0)));
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
): Promise<{
  latencies: Map<Phase, number[]>;
  byCycle: Map<Phase, number[][]>;
  errors: Map<Phase, number>;
  /** Normal users' failed requests by HTTP status and error code. */
  errorKinds: Map<string, number>;
  trace: [number, number, Phase, number][];
}> {
  const pool = new Pool(origin, { connections: Math.min(users, 64), pipelining: 1 });
  const latencies = new Map<Phase, number[]>();
  const byCycle = new Map<Phase, number[][]>();
  const errors = new Map<Phase, number>();
  const errorKinds = new Map<string, number>();
  /** Due and answered (ms since the epoch), phase, HTTP status. */
  const trace: [number, number, Phase, number][] = [];
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
        if (TRACE)
          trace.push([
            performance.timeOrigin + due,
            performance.timeOrigin + performance.now(),
            phase,
            res.statusCode,
          ]);
        (latencies.get(phase) ?? latencies.set(phase, []).get(phase)!).push(ms);
        const cycles = byCycle.get(phase) ?? byCycle.set(phase, []).get(phase)!;
        (cycles[cycle] ??= []).push(ms);
        if (res.statusCode !== 200 || text.includes('"errors"')) {
          errors.set(phase, (errors.get(phase) ?? 0) + 1);
          const code = /"code":"([A-Z_]+)"/.exec(text)?.[1] ?? 'no code';
          const kind = `${res.statusCode} ${code}`;
          errorKinds.set(kind, (errorKinds.get(kind) ?? 0) + 1);
        }
      })(),
    );
  }
  await Promise.all(inflight);
  await pool.close();
  return { latencies, byCycle, errors, errorKinds, trace };
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

/**
 * Normal users throughout; the abuser cycles through its phases `cycles` times. Also sums the CPU
 * the API process and the load generators (this process and the abuser's) use in each phase.
 */
async function abuseCycles(origin: string, body: string, users: number, cycles: number, apiPid: number) {
  // At the lowest CPU priority: on this shared machine the abuser's client must not take the CPU
  // the server and the normal users' client need, as it could not from another machine.
  const abuserProcess = spawn('nice', ['-n', '19', process.execPath, '-e', ABUSER_SOURCE], {
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    env: {
      ...process.env,
      BENCH_ABUSER: JSON.stringify({ origin, body, connections: ABUSER_CONNECTIONS, trace: Boolean(TRACE) }),
    },
  });
  const counts = new Promise<{ counts: AbuserCounts; trace: AbuserEvent[] }>((resolve, reject) =>
    abuserProcess.once('message', resolve as (m: unknown) => void).once('error', reject),
  );
  const tell = (m: { mode: string; ip?: string }) => abuserProcess.send(m);
  let phase: Phase = 'drain';
  let cycle = 0;
  let burst = 0;
  let stopLoad!: () => void;
  const loadDone = new Promise<void>((resolve) => (stopLoad = resolve));
  const load = steadyLoad(origin, body, users, () => ({ phase, cycle }), loadDone);
  const hold = (s: number) => new Promise((r) => setTimeout(r, s * 1000));
  await hold(2); // the normal users' connections open
  const cpu = new Map<Phase, { api: number; bench: number; seconds: number }>();
  const measure = async (seconds: number) => {
    const api0 = processCpuMs(apiPid);
    const bench0 = process.cpuUsage();
    const abuser0 = processCpuMs(abuserProcess.pid!);
    await hold(seconds);
    const bench = process.cpuUsage(bench0);
    const sum = cpu.get(phase) ?? cpu.set(phase, { api: 0, bench: 0, seconds: 0 }).get(phase)!;
    sum.api += processCpuMs(apiPid) - api0;
    sum.bench += (bench.user + bench.system) / 1000 + processCpuMs(abuserProcess.pid!) - abuser0;
    sum.seconds += seconds;
  };
  for (; cycle < cycles; cycle++) {
    for (const [next, abuser] of [
      ['same query', 'same'],
      ['alone', 'pause'],
      ['cache-busting', 'bust'],
      ['alone (2)', 'pause'],
    ] as const) {
      // Each burst from an IP of its own, so each starts with the full budgets a new client gets.
      tell({ mode: abuser, ip: `203.0.113.${(burst++ % 250) + 1}` });
      if (abuser === 'pause') {
        phase = 'drain';
        await hold(DRAIN_S);
      }
      phase = next;
      await measure(PHASE_S);
    }
  }
  phase = 'drain';
  tell({ mode: 'stop' });
  stopLoad();
  const result = await load;
  const { counts: abuser, trace } = await counts;

  return { ...result, abuser, abuserTrace: trace, cpu };
}

async function runAgainst(
  url: string,
  showId: string,
  rateLimits: 'on' | 'off',
  cycles: number,
  fixedUsers?: number,
) {
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
    return {
      capacity: measured,
      users,
      ...(await abuseCycles(api.origin, body, users, cycles, api.child.pid!)),
    };
  } finally {
    await api.stop();
  }
}

async function main() {
  const url = await freshDatabase('boxoffice_bench_abuse');
  const handle = createDb(url, { max: 2 });
  const services = benchServices(handle.db);
  const city = await services.admin.createCity(SYSTEM_ACTOR, {
    name: 'Bench City',
    country: 'DE',
    timezone: 'Europe/Berlin',
  });
  const venue = await services.admin.createVenue(SYSTEM_ACTOR, { cityId: city.id, name: 'Hall' });
  const rows = Array.from({ length: 20 }, (_, r) => ({ label: String.fromCharCode(65 + r), seats: 25 }));
  const screen = await services.admin.createScreen(SYSTEM_ACTOR, {
    venueId: venue.id,
    name: 'Main',
    layout: { sections: [{ name: 'Stalls', rows }] },
  });
  const event = await services.admin.createEvent(SYSTEM_ACTOR, {
    kind: 'CONCERT',
    title: 'Abuse',
    durationMinutes: 90,
  });
  const show = await services.admin.scheduleShow(SYSTEM_ACTOR, {
    eventId: event.id,
    screenId: screen.id,
    startsAt: new Date(Date.now() + 7 * 24 * 3600 * 1000),
    currency: 'EUR',
    prices: [{ section: 'Stalls', amount: 5000 }],
  });
  await handle.close();

  console.log(
    `seat map of 500 seats; normal users: 1 request/s each from its own IP, ${LOAD_SHARE * 100}% of the measured capacity; ` +
      `abuser: ${ABUSER_CONNECTIONS} connections, closed loop, bursts of ${PHASE_S} s from a new IP each`,
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
      return c
        ? `  CPU ms/s: API ${fmt(c.api / c.seconds, 0)}, load+abuser ${fmt(c.bench / c.seconds, 0)}`
        : '';
    };
    const line = (label: string, phase: Phase | null, values: number[], extra = '') =>
      console.log(
        `  ${label.padEnd(24)}n ${String(values.length).padStart(5)}  p50 ${fmt(percentile(values, 50)).padStart(6)}  ` +
          `p95 ${fmt(percentile(values, 95)).padStart(6)}  p99 ${fmt(percentile(values, 99)).padStart(6)} ms  errors ${phase ? (run.errors.get(phase) ?? 0) : 0}${cpuOf(phase)}${extra}`,
      );
    line('alone (both phases)', null, aloneBoth);
    const noise = percentile(all('alone (2)'), 99) / percentile(all('alone'), 99);
    line('  alone after same', 'alone', all('alone'));
    line(
      '  alone after busting',
      'alone (2)',
      all('alone (2)'),
      `  (p99 ratio between them: ${fmt(noise, 2)}, the noise floor)`,
    );
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
    if (TRACE)
      writeFileSync(`${TRACE}.${mode}.json`, JSON.stringify({ normal: run.trace, abuser: run.abuserTrace }));
    if (run.errorKinds.size)
      console.log(`  normal users' errors: ${JSON.stringify(Object.fromEntries(run.errorKinds))}`);
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
