/**
 * npm run bench:seatmap — reading a 500-seat seat map through the real API over HTTP.
 *
 * Starts the API as its own process against the local Postgres, creates a 500-seat show with a
 * realistic mix of statuses, and queries its seat map from N concurrent connections (closed
 * loop) for a fixed time after a warm-up, once with the show response cache off (every request
 * executed) and once on. Prints requests/s, latency percentiles, bytes and the ratio.
 */
import os from 'node:os';
import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { Pool } from 'undici';
import { createDb } from '../src/db/client.js';
import { BENCH_JWT_SECRET, benchServices } from './lib/bench-services.js';
import { startApiProcess } from './lib/api-process.js';
import { freshDatabase } from './lib/bench-db.js';
import { processCpuMs } from './lib/process-cpu.js';
import { CACHED_ANSWER_SHARE } from '../src/http/rate-limits/rate-limit-plugin.js';
import { fmt, percentile } from './lib/stats.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 100);
const WARMUP_S = Number(process.env['BENCH_WARMUP_S'] ?? 3);
const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 10);
const SEAT_MAP = `query SeatMap($id: ID!) { show(id: $id) { id seatMap { showId version
  sections { name tier price { amount currency } total available }
  seats { id label row number section price { amount currency } status accessible x y } } } }`;

async function main() {
  console.log(
    `bench:seatmap  connections=${CONNECTIONS} warm-up=${WARMUP_S}s measure=${DURATION_S}s cores=${os.cpus().length}`,
  );
  const url = await freshDatabase('boxoffice_bench_seatmap');
  const handle = createDb(url, { max: 4 });
  const services = benchServices(handle.db);
  const city = await services.admin.createCity(SYSTEM_ACTOR, { name: 'Bench', country: 'DE' });
  const venue = await services.admin.createVenue(SYSTEM_ACTOR, { cityId: city.id, name: 'Cinema' });
  const rows = 'ABCDEFGHIJKLMNOPQRST'
    .split('')
    .map((label, i) => ({ label, seats: 25, ...(i === 0 ? { blocked: [1, 25] } : {}) }));
  const screen = await services.admin.createScreen(SYSTEM_ACTOR, {
    venueId: venue.id,
    name: 'Screen 1',
    layout: {
      sections: [
        { name: 'Stalls', tier: 'STANDARD', rows: rows.slice(0, 15) },
        { name: 'Back', tier: 'PREMIUM', rows: rows.slice(15) },
      ],
    },
  });
  const event = await services.admin.createEvent(SYSTEM_ACTOR, {
    kind: 'MOVIE',
    title: 'Bench',
    durationMinutes: 120,
  });
  const show = await services.admin.scheduleShow(SYSTEM_ACTOR, {
    eventId: event.id,
    screenId: screen.id,
    startsAt: new Date(Date.now() + 86_400_000),
    currency: 'EUR',
    prices: [
      { section: 'Stalls', amount: 1200 },
      { section: 'Back', amount: 1600 },
    ],
  });
  // About a third of the seats held, as in a busy on-sale.
  const seats = await handle.db.execute<{ id: string }>(
    sql`select id from show_seats where show_id = ${show.id} and status = 'AVAILABLE' order by id`,
  );
  const users = Array.from({ length: 50 }, () => randomUUID());
  await handle.db.execute(sql`insert into users (id, email, name, password_hash)
    select id, id || '@bench.test', 'b', 'x' from unnest(${sql.param(users)}::uuid[]) as id`);
  for (let i = 0; i < users.length; i++) {
    const ids = seats.slice(i * 3, i * 3 + 3).map((s) => s.id);
    await services.holds.placeHold({ id: users[i]!, role: 'CUSTOMER' }, { showId: show.id, seatIds: ids });
  }
  await handle.close();

  // The same reads with the show response cache off (every request executed) and on.
  const results: Record<string, number> = {};
  const cpu: Record<string, number> = {};
  for (const [label, maxAge] of [
    ['cache off', '0'],
    ['cache on ', '5000'],
  ] as const) {
    const r = await readSeatMaps(url, show.id, maxAge);
    results[label] = r.perSecond;
    console.log(
      `seat map of 500 seats, ${label}: ${fmt(r.perSecond, 0)} req/s, p50 ${fmt(r.p50)} ms, p99 ${fmt(r.p99)} ms, ` +
        `API CPU ${fmt(r.cpuPerAnswer, 2)} ms per answer, ${r.bytes} bytes, errors ${r.errors}`,
    );
    cpu[label] = r.cpuPerAnswer;
  }
  console.log(
    `cache on / off: ${fmt(results['cache on ']! / results['cache off']!, 2)}x the answers; ` +
      `an answer from the cache takes ${fmt(cpu['cache on ']! / cpu['cache off']!, 3)} of an execution's API CPU ` +
      `(rate limits charge ${CACHED_ANSWER_SHARE} of its cost)`,
  );
}

/** N connections reading the seat map in a closed loop against a fresh API process. */
async function readSeatMaps(url: string, showId: string, showCacheMaxAgeMs: string) {
  const api = await startApiProcess({
    DATABASE_URL: url,
    JWT_SECRET: BENCH_JWT_SECRET,
    NODE_ENV: 'production',
    RATE_LIMITS: 'off',
    RUN_WORKER: 'true',
    SHOW_CACHE_MAX_AGE_MS: showCacheMaxAgeMs,
  });
  const pool = new Pool(api.origin, { connections: CONNECTIONS, pipelining: 1 });
  const body = JSON.stringify({ query: SEAT_MAP, variables: { id: showId } });
  const latencies: number[] = [];
  let bytes = 0;
  let errors = 0;
  const start = performance.now();
  const from = start + WARMUP_S * 1000;
  const end = from + DURATION_S * 1000;
  // The API's CPU over the measured window, for its cost per answer.
  const pid = api.child.pid!;
  let cpu0 = 0;
  let cpu1 = 0;
  const sampled = [
    new Promise<void>((r) => setTimeout(() => r(void (cpu0 = processCpuMs(pid))), from - start)),
    new Promise<void>((r) => setTimeout(() => r(void (cpu1 = processCpuMs(pid))), end - start)),
  ];
  try {
    await Promise.all([
      ...sampled,
      ...Array.from({ length: CONNECTIONS }, async () => {
        while (performance.now() < end) {
          const t0 = performance.now();
          const res = await pool.request({
            path: '/graphql',
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body,
          });
          const text = await res.body.text();
          const t1 = performance.now();
          if (t0 < from) continue;
          if (res.statusCode !== 200 || text.includes('"errors"')) errors += 1;
          bytes = text.length;
          latencies.push(t1 - t0);
        }
      }),
    ]);
  } finally {
    await pool.close();
    await api.stop();
  }
  return {
    perSecond: latencies.length / DURATION_S,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    /** The API's CPU time per answer, ms. */
    cpuPerAnswer: (cpu1 - cpu0) / latencies.length,
    bytes,
    errors,
  };
}

await main();
