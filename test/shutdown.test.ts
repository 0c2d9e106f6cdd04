import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient } from 'graphql-ws';
import postgres from 'postgres';
import WebSocket from 'ws';
import { createTestDatabase } from './helpers/db.js';
import { spawnEntrypoint, type SpawnedProcess } from './helpers/spawn-process.js';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
const spawned: SpawnedProcess[] = [];
let locker: postgres.Sql | undefined;

beforeAll(async () => {
  database = await createTestDatabase();
});

afterAll(async () => {
  for (const p of spawned) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  await locker?.end();
  await database?.drop();
});

describe('graceful shutdown of npm start', () => {
  it('on SIGTERM finishes the in-flight request, closes WebSockets and exits 0 within 10 s', async () => {
    const api = await spawnEntrypoint({
      DATABASE_URL: database.url,
      PORT: '0',
      HOST: '127.0.0.1',
      RUN_WORKER: 'false',
      JWT_SECRET: 'shutdown-test-secret-shutdown-test-secret',
      LOG_LEVEL: 'info',
    });
    spawned.push(api);
    const { port } = api;

    // A WebSocket client that stays connected until the server goes away.
    let connected!: () => void;
    const wsConnected = new Promise<void>((resolve) => (connected = resolve));
    const wsClosed = new Promise<number>((resolve, reject) => {
      createClient({
        url: `ws://127.0.0.1:${port}/graphql`,
        webSocketImpl: WebSocket,
        lazy: false,
        retryAttempts: 0,
        on: { connected, closed: (event) => resolve((event as { code: number }).code), error: reject },
        onNonLazyError: () => {},
      });
    });
    await wsConnected;

    // Keep a request in flight: the test holds a lock the request's query must wait for.
    const sql = postgres(database.url, { max: 2, onnotice: () => {} }); // one holds the lock, one watches
    locker = sql;
    const conn = await sql.reserve();
    await conn`begin`;
    await conn`lock table cities in access exclusive mode`;
    const response = fetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: '{ cities { id } }' }),
    });
    await waitFor(async () => {
      const rows = await sql`
        select 1 from pg_stat_activity
        where datname = current_database() and wait_event_type = 'Lock' and query ilike '%cities%'`;
      return rows.length > 0;
    });

    const signalledAt = Date.now();
    api.child.kill('SIGTERM');
    await new Promise((r) => setTimeout(r, 300));
    expect(api.child.exitCode).toBeNull(); // still draining: the request has not finished
    await conn`commit`;
    conn.release();

    const res = await response;
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ data: { cities: [] } });
    await expect(wsClosed).resolves.toBe(1001);
    const { code, signal } = await api.exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(Date.now() - signalledAt).toBeLessThan(10_000);
    expect(api.stdout()).toContain('"msg":"stopped"');
  });
});

describe('graceful shutdown of npm run worker', () => {
  it('exits 0 on SIGTERM', async () => {
    const worker = await spawnEntrypoint(
      { DATABASE_URL: database.url, LOG_LEVEL: 'info' },
      { script: 'src/worker-main.ts', ready: 'worker started' },
    );
    spawned.push(worker);
    worker.child.kill('SIGTERM');
    await expect(worker.exited).resolves.toEqual({ code: 0, signal: null });
    expect(worker.stdout()).toContain('"msg":"stopped"');
  });
});

async function waitFor(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}
