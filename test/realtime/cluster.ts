import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { freePort } from '../../src/db/embedded.js';
import { createTokenIssuer } from '../../src/domain/auth/tokens.js';
import { TEST_CONFIG, type Harness } from '../helpers/harness.js';
import { spawnEntrypoint, type SpawnedProcess } from '../helpers/spawn-process.js';
import { createCustomers } from '../helpers/users.js';
import { HOLD, postGraphql } from './helpers.js';

/**
 * Real processes on the harness's database: API processes (npm start, RUN_WORKER=false) and
 * standalone workers (npm run worker), sharing Postgres and one Redis.
 */
export function createCluster(h: Harness, redisUrl: string) {
  const spawned: SpawnedProcess[] = [];
  const env = {
    DATABASE_URL: h.url,
    REDIS_URL: redisUrl,
    JWT_SECRET: TEST_CONFIG.jwtSecret,
    RATE_LIMITS: 'off',
    LOG_LEVEL: 'info',
    // Test files run side by side on one Postgres (max_connections 100): small pools.
    DATABASE_POOL_MAX: '4',
  };
  return {
    async api() {
      const p = await spawnEntrypoint({ ...env, PORT: '0', HOST: '127.0.0.1', RUN_WORKER: 'false' });
      spawned.push(p);
      return { process: p, httpUrl: `http://127.0.0.1:${p.port}/graphql`, wsUrl: `ws://127.0.0.1:${p.port}/graphql` };
    },
    async worker() {
      const p = await spawnEntrypoint(env, { script: 'src/worker-main.ts', ready: 'worker started' });
      spawned.push(p);
      return p;
    },
    /** Kills what is still running (SIGKILL: a test may already have stopped some). */
    async stop() {
      await Promise.all(
        spawned.map(async (p) => {
          if (p.child.exitCode === null && p.child.signalCode === null) p.child.kill('SIGKILL');
          await p.exited;
        }),
      );
    },
  };
}

/** `n` customers with bearer tokens the spawned processes accept. */
export async function tokenCustomers(h: Harness, n: number): Promise<string[]> {
  const tokens = createTokenIssuer(TEST_CONFIG.jwtSecret, 3600);
  const users = await createCustomers(h, n);
  return Promise.all(users.map((u) => tokens.sign({ id: u.id, tokenVersion: 0 })));
}

/** holdSeats over HTTP; resolves with the error code, or undefined on success. */
export async function holdOverHttp(httpUrl: string, token: string, showId: string, seatId: string) {
  const r = await postGraphql(httpUrl, HOLD, { input: { showId, seatIds: [seatId] } }, token);
  if (!r.data && !r.errors) throw new Error('no GraphQL answer');
  return r.errors?.[0]?.extensions?.['code'] as string | undefined;
}

/** How many processes subscribe to a Redis channel. */
export async function numsub(redisUrl: string, channel: string): Promise<number> {
  const redis = new Redis(redisUrl);
  try {
    const reply = (await redis.call('PUBSUB', 'NUMSUB', channel)) as [string, number];
    return Number(reply[1]);
  } finally {
    redis.disconnect();
  }
}

/** A redis-server of the test's own on a free port, to stop and start without disturbing others. */
export async function ownRedis() {
  const port = await freePort(0);
  let child: ChildProcess | undefined;
  const url = `redis://127.0.0.1:${port}`;
  const ping = async () => {
    const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    r.on('error', () => {});
    try {
      await r.connect();
      return (await r.ping()) === 'PONG';
    } catch {
      return false;
    } finally {
      r.disconnect();
    }
  };
  const server = {
    url,
    async start() {
      child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      for (let i = 0; i < 100 && !(await ping()); i++) await new Promise((r) => setTimeout(r, 50));
    },
    async stop() {
      if (!child || child.exitCode !== null) return;
      const exited = new Promise((r) => child!.once('exit', r));
      child.kill('SIGKILL');
      await exited;
    },
  };
  await server.start();
  return server;
}
