/**
 * npm run bench:abuse — does one abuser's burst slow everyone else down?
 *
 * Starts the API as its own process (rate limits on, clients identified by X-Forwarded-For from
 * loopback) on a fresh database with one 500-seat show. 20 normal users read the seat map at a
 * steady 100 requests/s in total (open loop: a slow server cannot slow the senders down), first
 * alone, then while one abuser on one IP floods the same query from its own thread as fast as its
 * connections allow. Prints the normal users' p50/p99 in both phases and their ratio (target:
 * p99 up by at most 10%), what happened to the abuser's requests, and, for comparison, the same
 * run with RATE_LIMITS=off.
 */
import { Worker } from 'node:worker_threads';
import { Pool } from 'undici';
import { createDb } from '../src/db/client.js';
import { BENCH_JWT_SECRET, benchServices } from './lib/bench-services.js';
import { startApiProcess } from './lib/api-process.js';
import { freshDatabase } from './lib/bench-db.js';
import { fmt, percentile } from './lib/stats.js';

const RATE = Number(process.env['BENCH_RATE'] ?? 100);
const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 10);
const ABUSER_CONNECTIONS = Number(process.env['BENCH_ABUSER_CONNECTIONS'] ?? 32);
const USERS = 20;
const SEAT_MAP = (id: string) =>
  JSON.stringify({
    query: `query($id: ID!) { show(id: $id) { seatMap { version seats { id label status price { amount currency } } } } }`,
    variables: { id },
  });

interface AbuserResult {
  sent: number;
  status: Record<string, number>;
}

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
const status = {};
let sent = 0;
let stop = false;
parentPort.once('message', () => (stop = true));
Promise.all(Array.from({ length: connections }, async () => {
  while (!stop) {
    const res = await pool.request({ path: '/graphql', method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.66' }, body });
    await res.body.dump();
    sent++;
    status[res.statusCode] = (status[res.statusCode] || 0) + 1;
  }
})).then(() => pool.close()).then(() => parentPort.postMessage({ sent, status }));
`;

/** Normal users: RATE requests/s for DURATION_S, round robin over USERS IPs; returns latencies (ms). */
async function steadyLoad(origin: string, body: string): Promise<{ latencies: number[]; errors: number }> {
  const pool = new Pool(origin, { connections: USERS, pipelining: 1 });
  const latencies: number[] = [];
  let errors = 0;
  const total = RATE * DURATION_S;
  const started = performance.now();
  const inflight: Promise<void>[] = [];
  for (let i = 0; i < total; i++) {
    const due = started + (i * 1000) / RATE;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    inflight.push(
      (async () => {
        const t = performance.now();
        const res = await pool.request({
          path: '/graphql',
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': `198.51.100.${i % USERS}` },
          body,
        });
        const text = await res.body.text();
        // Latency from when the request was due, so a stalled sender counts against the server.
        latencies.push(performance.now() - Math.min(t, due));
        if (res.statusCode !== 200 || text.includes('"errors"')) errors++;
      })(),
    );
  }
  await Promise.all(inflight);
  await pool.close();
  return { latencies, errors };
}

async function phase(origin: string, body: string, withAbuser: boolean) {
  let worker: Worker | undefined;
  let result: Promise<AbuserResult> | undefined;
  if (withAbuser) {
    worker = new Worker(ABUSER_SOURCE, {
      eval: true,
      workerData: { origin, body, connections: ABUSER_CONNECTIONS },
    });
    result = new Promise((resolve, reject) => worker!.once('message', resolve).once('error', reject));
    await new Promise((r) => setTimeout(r, 1_000)); // the flood is on before measuring
  }
  const load = await steadyLoad(origin, body);
  worker?.postMessage('stop');
  const abuse = result ? await result : undefined;
  await worker?.terminate();
  return {
    p50: percentile(load.latencies, 50),
    p99: percentile(load.latencies, 99),
    errors: load.errors,
    abuse,
  };
}

async function runAgainst(url: string, showId: string, rateLimits: 'on' | 'off') {
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
    await steadyLoad(api.origin, body); // warm-up: JIT, pools, caches
    const alone = await phase(api.origin, body, false);
    const abused = await phase(api.origin, body, true);
    return { alone, abused };
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
    `normal load: ${USERS} users, ${RATE} seat maps/s (500 seats) for ${DURATION_S} s per phase; abuser: 1 IP, ${ABUSER_CONNECTIONS} connections, closed loop`,
  );
  console.log(
    `rate limits: ${process.env['REDIS_URL'] ? 'Redis' : 'in-process'} (REDIS_URL ${process.env['REDIS_URL'] ? 'set' : 'unset'})\n`,
  );
  for (const mode of ['on', 'off'] as const) {
    const { alone, abused } = await runAgainst(url, show.id, mode);
    const a = abused.abuse!;
    const secs = DURATION_S + 1;
    console.log(`RATE_LIMITS=${mode}`);
    console.log(
      `  normal users alone:        p50 ${fmt(alone.p50)} ms  p99 ${fmt(alone.p99)} ms  errors ${alone.errors}`,
    );
    console.log(
      `  normal users under abuse:  p50 ${fmt(abused.p50)} ms  p99 ${fmt(abused.p99)} ms  errors ${abused.errors}`,
    );
    console.log(`  p99 ratio (abused/alone):  ${fmt(abused.p99 / alone.p99, 2)}`);
    console.log(
      `  abuser: ${a.sent} requests (~${fmt(a.sent / secs, 0)}/s), by status ${JSON.stringify(a.status)}\n`,
    );
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);
