/**
 * npm run bench:holds — a hot on-sale through the real API over HTTP.
 *
 * Creates a 20,000-seat show, starts the API as its own process against the local Postgres, and
 * drives holdSeats from N concurrent connections (one buyer each) on random seats among the best
 * 500, each successful hold released right away (so releases run at the hold rate). Then checks
 * the database for double bookings and runs the same SQL through pgbench for the ratio API/DB.
 */
import { execFileSync } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { Pool } from 'undici';
import { createDb } from '../src/db/client.js';
import { createTokenIssuer } from '../src/domain/auth/tokens.js';
import { BENCH_JWT_SECRET, benchServices } from './lib/bench-services.js';
import { startApiProcess } from './lib/api-process.js';
import { freshDatabase, maxConnections } from './lib/bench-db.js';
import { countDoubleBookings } from './lib/double-booking.js';
import { startExpiryProbe } from './lib/expiry-probe.js';
import { cpuWindow } from './lib/process-cpu.js';
import { fmt, percentile } from './lib/stats.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? 200);
const WARMUP_S = Number(process.env['BENCH_WARMUP_S'] ?? 3);
const DURATION_S = Number(process.env['BENCH_DURATION_S'] ?? 10);
const POOL_MAX = Number(process.env['DATABASE_POOL_MAX'] ?? 20);
const ROWS = 40;
const PER_ROW = 500;

const HOLD = 'mutation H($i: HoldSeatsInput!) { holdSeats(input: $i) { id } }';
const RELEASE = 'mutation R($id: ID!) { releaseHold(holdId: $id) { id } }';

async function setUp(url: string) {
  const handle = createDb(url, { max: 4 });
  const services = benchServices(handle.db);
  const city = await services.admin.createCity(SYSTEM_ACTOR, {
    name: 'Bench City',
    country: 'DE',
    timezone: 'Europe/Berlin',
  });
  const venue = await services.admin.createVenue(SYSTEM_ACTOR, { cityId: city.id, name: 'Arena' });
  // Spreadsheet-style row letters (A..Z, AA..): labels like D250 stay unambiguous.
  const letter = (r: number): string =>
    r < 26 ? String.fromCharCode(65 + r) : letter(Math.floor(r / 26) - 1) + letter(r % 26);
  const rows = Array.from({ length: ROWS }, (_, r) => ({ label: letter(r), seats: PER_ROW }));
  const sections = [0, 1, 2, 3].map((s) => ({
    name: `Block ${s + 1}`,
    rows: rows.slice(s * 10, s * 10 + 10),
  }));
  const screen = await services.admin.createScreen(SYSTEM_ACTOR, {
    venueId: venue.id,
    name: 'Main stand',
    layout: { sections },
  });
  const event = await services.admin.createEvent(SYSTEM_ACTOR, {
    kind: 'CONCERT',
    title: 'On-sale',
    durationMinutes: 120,
  });
  const schedule = (days: number) =>
    services.admin.scheduleShow(SYSTEM_ACTOR, {
      eventId: event.id,
      screenId: screen.id,
      startsAt: new Date(Date.now() + days * 24 * 3600 * 1000),
      currency: 'EUR',
      prices: sections.map((s, i) => ({ section: s.name, amount: 9000 - i * 1500 })),
    });
  const apiShow = await schedule(7);
  const dbShow = await schedule(8);
  // The best 500: centre 100 seats of five front-middle rows of the first block.
  const best = async (showId: string) =>
    (
      await handle.db.execute<{ id: string }>(sql`
        select ss.id from show_seats ss join seats s on s.id = ss.seat_id
        where ss.show_id = ${showId} and s.row in ('D','E','F','G','H') and s.number between 201 and 300
        order by ss.id`)
    ).map((r) => r.id);
  // Seats for the expiry probe: the back block, far from the best 500.
  const back = (
    await handle.db.execute<{ id: string }>(sql`
      select ss.id from show_seats ss join seats s on s.id = ss.seat_id
      where ss.show_id = ${apiShow.id} and ss.section = 'Block 4' order by ss.id limit 1000`)
  ).map((r) => r.id);
  const userIds = Array.from({ length: CONNECTIONS }, () => randomUUID());
  await handle.db.execute(sql`
    insert into users (id, email, name, password_hash)
    select id, 'bench-' || id || '@example.test', 'Buyer', 'scrypt$unusable' from unnest(${sql.param(userIds)}::uuid[]) as id`);
  const tokens = createTokenIssuer(BENCH_JWT_SECRET, 3600);
  const bearer = await Promise.all(userIds.map((id) => tokens.sign({ id, tokenVersion: 0 })));
  return {
    handle,
    apiShow: apiShow.id,
    dbShow: dbShow.id,
    apiSeats: await best(apiShow.id),
    backSeats: back,
    dbSeats: await best(dbShow.id),
    userIds,
    bearer,
  };
}

interface Sample {
  at: number;
  ms: number;
  kind: 'hold' | 'release';
  outcome: 'ok' | 'SEATS_UNAVAILABLE' | 'other';
}

async function drive(origin: string, showId: string, seats: string[], bearer: string[]) {
  const pool = new Pool(origin, { connections: CONNECTIONS, pipelining: 1, keepAliveTimeout: 60_000 });
  const samples: Sample[] = [];
  const errors = new Map<string, number>();
  let http5xx = 0;
  const start = performance.now();
  const end = start + (WARMUP_S + DURATION_S) * 1000;
  const post = async (token: string, body: string, kind: Sample['kind']) => {
    const t0 = performance.now();
    const res = await pool.request({
      path: '/graphql',
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const json = (await res.body.json()) as {
      data?: Record<string, { id: string }>;
      errors?: { extensions?: { code?: string } }[];
    };
    const t1 = performance.now();
    if (res.statusCode >= 500) http5xx += 1;
    const code = json.errors?.[0]?.extensions?.code;
    const outcome: Sample['outcome'] = !json.errors
      ? 'ok'
      : code === 'SEATS_UNAVAILABLE'
        ? 'SEATS_UNAVAILABLE'
        : 'other';
    if (outcome === 'other') errors.set(String(code), (errors.get(String(code)) ?? 0) + 1);
    samples.push({ at: t0 - start, ms: t1 - t0, kind, outcome });
    return json;
  };
  await Promise.all(
    bearer.map(async (token) => {
      while (performance.now() < end) {
        const seat = seats[Math.floor(Math.random() * seats.length)]!;
        const held = await post(
          token,
          JSON.stringify({ query: HOLD, variables: { i: { showId, seatIds: [seat] } } }),
          'hold',
        );
        const id = held.data?.['holdSeats']?.id;
        if (id) await post(token, JSON.stringify({ query: RELEASE, variables: { id } }), 'release');
      }
    }),
  );
  await pool.close();
  const measured = samples.filter((s) => s.at >= WARMUP_S * 1000 && s.at < (WARMUP_S + DURATION_S) * 1000);
  return { measured, errors, http5xx };
}

function runPgbench(
  url: string,
  showId: string,
  clients: number,
  script: string,
  seconds = DURATION_S,
  env: Record<string, string> = {},
) {
  const out = execFileSync(
    'pgbench',
    [
      '-n',
      '-M',
      'prepared',
      '-c',
      String(clients),
      '-j',
      '2',
      '-T',
      String(seconds),
      '-D',
      `show=${showId}`,
      '-f',
      script,
      url,
    ],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...env } },
  );
  const tps = Number(/tps = ([\d.]+) \(without initial connection time\)/.exec(out)?.[1] ?? NaN);
  const latency = Number(/latency average = ([\d.]+) ms/.exec(out)?.[1] ?? NaN);
  return { tps, latency };
}

/**
 * What the sales window and the purchase cap (issue 12) cost the hold transaction, in one run:
 * the same pgbench script with migration 0005's hold function (installed as
 * bench_place_hold_0005) against today's, alternating short runs so both see the same machine.
 */
async function compareWithoutChecks(
  handle: ReturnType<typeof createDb>,
  url: string,
  showId: string,
  dir: string,
  script: string,
) {
  const migration = readFileSync(new URL('../src/db/migrations/0005_place_hold_function.sql', import.meta.url), 'utf8');
  await handle.sql.unsafe(migration.replace('FUNCTION boxoffice_place_hold(', 'FUNCTION bench_place_hold_0005('));
  await handle.sql.unsafe(`
    create function bench_try_place_hold_0005(uuid, uuid, uuid, uuid[], int[], int, text, timestamptz, timestamptz, int)
    returns boolean language plpgsql as $$
    begin
      perform bench_place_hold_0005($1, $2, $3, $4, $5, $6, $7, $8, $9, $10);
      return true;
    exception when sqlstate 'BXUNA' then return false;
    end $$`);
  const reference = path.join(dir, 'hold-release-0005.sql');
  writeFileSync(reference, readFileSync(new URL('./pgbench/hold-release-0005.sql', import.meta.url)));
  // ABBA order: tables only grow during the run, so a fixed order would favour whichever goes first.
  // Without waiting for the WAL flush, a transaction costs its CPU only: what the checks add.
  const env = { PGOPTIONS: '-c synchronous_commit=off' };
  const rounds = 6;
  const seconds = 4;
  const withChecks: number[] = [];
  const without: number[] = [];
  for (let i = 0; i < rounds; i++) {
    const pair = [
      () => without.push(runPgbench(url, showId, POOL_MAX, reference, seconds, env).tps),
      () => withChecks.push(runPgbench(url, showId, POOL_MAX, script, seconds, env).tps),
    ];
    for (const run of i % 2 === 0 ? pair : pair.reverse()) run();
  }
  return { rounds, seconds, with: percentile(withChecks, 50), without: percentile(without, 50) };
}

async function main() {
  console.log(
    `bench:holds  connections=${CONNECTIONS} warm-up=${WARMUP_S}s measure=${DURATION_S}s pool=${POOL_MAX} cores=${os.cpus().length}`,
  );
  const url = await freshDatabase('boxoffice_bench_holds');
  const ctx = await setUp(url);
  const api = await startApiProcess({
    DATABASE_URL: url,
    JWT_SECRET: BENCH_JWT_SECRET,
    NODE_ENV: 'production',
    RATE_LIMITS: 'off',
    RUN_WORKER: 'true',
    DATABASE_POOL_MAX: String(POOL_MAX),
  });
  let run;
  const probe = await startExpiryProbe(ctx.handle.db, ctx.apiShow, ctx.backSeats);
  // CPU of the API process and of Postgres over the measured window, per request: steadier than
  // throughput on a shared machine, so code versions compare by it.
  const cpu = cpuWindow(api.child.pid!, WARMUP_S * 1000, (WARMUP_S + DURATION_S) * 1000);
  try {
    run = await drive(api.origin, ctx.apiShow, ctx.apiSeats, ctx.bearer);
    await probe.stop();
    await new Promise((r) => setTimeout(r, 3000)); // the last probe holds expire
  } finally {
    await api.stop();
  }
  const expiry = await probe.lags();
  const holds = run.measured.filter((s) => s.kind === 'hold');
  const ok = holds.filter((s) => s.outcome === 'ok');
  const lat = holds.map((s) => s.ms);
  const all = run.measured.map((s) => s.ms);
  const apiAttempts = holds.length / DURATION_S;
  const doubles = await countDoubleBookings(ctx.handle.db, ctx.apiShow);

  // Database alone: the same statements through pgbench.
  await ctx.handle.db.execute(sql`create table bench_seats (n int primary key, id uuid not null)`);
  await ctx.handle.db.execute(sql`create table bench_users (n int primary key, id uuid not null)`);
  // pgbench ends a client on any error: report "seats unavailable" as false instead.
  await ctx.handle.db.execute(
    sql.raw(`
    create function bench_try_place_hold(uuid, uuid, uuid, uuid[], int[], int, int, text, timestamptz, timestamptz, int, text, int, boolean)
    returns boolean language plpgsql as $$
    begin
      perform boxoffice_place_hold($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14);
      return true;
    exception when sqlstate 'BXUNA' then return false;
    end $$`),
  );
  await ctx.handle.db.execute(
    sql`insert into bench_seats select n, id from unnest(${sql.param(ctx.dbSeats)}::uuid[]) with ordinality as t(id, n)`,
  );
  await ctx.handle.db.execute(
    sql`insert into bench_users select n - 1, id from unnest(${sql.param(ctx.userIds)}::uuid[]) with ordinality as t(id, n)`,
  );
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-holds-'));
  const script = path.join(dir, 'hold-release.sql');
  writeFileSync(script, readFileSync(new URL('./pgbench/hold-release.sql', import.meta.url)));
  const limit = (await maxConnections(url)) - 10;
  const sameConcurrency = Math.min(CONNECTIONS, limit);
  const holdCount = async () =>
    (
      await ctx.handle.db.execute<{ n: number }>(
        sql`select count(*)::int as n from holds where show_id = ${ctx.dbShow}`,
      )
    )[0]!.n;
  const before = await holdCount();
  const pgSame = runPgbench(url, ctx.dbShow, sameConcurrency, script);
  const after = await holdCount();
  const pgPool = runPgbench(url, ctx.dbShow, POOL_MAX, script);
  const checks = await compareWithoutChecks(ctx.handle, url, ctx.dbShow, dir, script);
  const dbDoubles = await countDoubleBookings(ctx.handle.db, ctx.dbShow);
  await ctx.handle.close();

  const spent = await cpu;
  const requests = run.measured.length;
  const rows: [string, string][] = [
    ['API hold attempts/s', fmt(apiAttempts, 0)],
    [
      'CPU per request (hold or release), API / Postgres ms',
      `${fmt(spent.api / requests, 2)} / ${fmt(spent.postgres / requests, 2)}`,
    ],
    ['API successful holds/s (each released at once)', fmt(ok.length / DURATION_S, 0)],
    [
      'API SEATS_UNAVAILABLE/s',
      fmt(holds.filter((s) => s.outcome === 'SEATS_UNAVAILABLE').length / DURATION_S, 0),
    ],
    ['API other errors', [...run.errors].map(([c, n]) => `${c}:${n}`).join(' ') || '0'],
    ['API HTTP 5xx', String(run.http5xx)],
    ['API holdSeats latency p50 / p99 ms', `${fmt(percentile(lat, 50))} / ${fmt(percentile(lat, 99))}`],
    [
      'API all requests (hold+release) /s, p99 ms',
      `${fmt(all.length / DURATION_S, 0)}, ${fmt(percentile(all, 99))}`,
    ],
    [
      `expired holds back on sale after expiresAt, p50 / p99 / max ms (${expiry.released}/${expiry.placed} released)`,
      `${fmt(expiry.p50, 0)} / ${fmt(expiry.p99, 0)} / ${fmt(expiry.max, 0)}`,
    ],
    [
      'double-booked seats now / in history (versions replayed)',
      `${doubles.now} / ${doubles.history} (${doubles.versions})`,
    ],
    [
      `pgbench same SQL, c=${sameConcurrency}: attempts/s (avg latency ms)`,
      `${fmt(pgSame.tps, 0)} (${fmt(pgSame.latency)})`,
    ],
    [`pgbench successful holds/s at c=${sameConcurrency}`, fmt((after - before) / DURATION_S, 0)],
    [
      `pgbench same SQL, c=${POOL_MAX} (API pool size): attempts/s`,
      `${fmt(pgPool.tps, 0)} (${fmt(pgPool.latency)})`,
    ],
    ['pgbench double-booked seats now / in history', `${dbDoubles.now} / ${dbDoubles.history}`],
    [
      `pgbench at c=${POOL_MAX}, hold SQL with / without the sales window and purchase cap (0005), ${checks.rounds} ABBA runs of ${checks.seconds} s each without WAL flush waits, medians`,
      `${fmt(checks.with, 0)} / ${fmt(checks.without, 0)} attempts/s, ratio ${fmt(checks.with / checks.without, 2)}`,
    ],
    [`ratio API / DB (c=${sameConcurrency})`, fmt(apiAttempts / pgSame.tps, 2)],
    [`ratio API / DB (c=${POOL_MAX})`, fmt(apiAttempts / pgPool.tps, 2)],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`${k.padEnd(width)}  ${v}`);
  if (sameConcurrency < CONNECTIONS)
    console.log(`(pgbench capped at ${sameConcurrency} clients by max_connections)`);
  if (doubles.now + doubles.history + dbDoubles.now + dbDoubles.history > 0) process.exitCode = 1;
}

await main();
