import { Redis } from 'ioredis';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rateLimiterFromEnv } from '../src/bootstrap/rate-limits.js';
import type { Lifecycle } from '../src/bootstrap/lifecycle.js';
import { loadEnv } from '../src/config/env.js';
import { createTokenIssuer } from '../src/domain/auth/tokens.js';
import { createRateLimiter } from '../src/http/rate-limits/rate-limiter.js';
import { createLogger } from '../src/logger.js';
import { postGraphql, startApiServer, type ApiServer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { TEST_CONFIG } from './helpers/harness.js';
import { createCustomers } from './helpers/users.js';

/**
 * Rate limits through the real server, on a controllable clock: only `Date` is faked, which is
 * all the in-process limiter reads, so a minute passes in a call while sockets and timers stay real.
 * The server trusts X-Forwarded-For from loopback, so each test plays clients from its own IPs.
 */
const budgets = {
  ipPerMinute: 300,
  userPerMinute: 180,
  holdSeatsPerMinute: 3,
  confirmBookingPerMinute: 2,
  showHoldSeatsPerSecond: 5,
};
const tokens = createTokenIssuer(TEST_CONFIG.jwtSecret, 3600);
let api: ApiServer;
let show: ShowFixture;
let seatIds: string[];
let adminToken: string;
let ipCounter = 0;
const freshIp = () => `10.0.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  api = await startApiServer({ rateLimiter: createRateLimiter({ budgets }), trustProxy: 'loopback' });
  show = await createShowFixture(api.h.services, { rows: 4, seatsPerRow: 10 });
  const admin = await api.h.admin();
  adminToken = await tokens.sign(admin);
  const map = await api.h.exec<{ show: { seatMap: { seats: { id: string }[] } } }>(
    `{ show(id: "${show.showId}") { seatMap { seats { id } } } }`,
  );
  seatIds = map.data!.show.seatMap.seats.map((s) => s.id);
});
afterAll(async () => {
  vi.useRealTimers();
  await api?.close();
});
// One clock for the whole file that only moves forward; each test starts in fresh windows.
const tick = (ms: number) => vi.setSystemTime(Date.now() + ms);
beforeEach(() => {
  tick(61_000);
});

const ME = { query: '{ me { id } }' };
const HOLD = 'mutation($input: HoldSeatsInput!) { holdSeats(input: $input) { id } }';
const as = (ip: string, token?: string) => ({
  'x-forwarded-for': ip,
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});
const hold = (ip: string, token: string, seat: number) =>
  postGraphql(
    api.base,
    { query: HOLD, variables: { input: { showId: show.showId, seatIds: [seatIds[seat]] } } },
    as(ip, token),
  );
const customerToken = async () => tokens.sign((await createCustomers(api.h, 1))[0]!);

async function expectRateLimited(res: Awaited<ReturnType<typeof postGraphql>>, maxSeconds: number) {
  expect(res.status).toBe(429);
  const error = res.body.errors?.[0];
  expect(error?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
  const seconds = error!.extensions!['retryAfterSeconds'] as number;
  expect(seconds).toBeGreaterThanOrEqual(1);
  expect(seconds).toBeLessThanOrEqual(maxSeconds);
  expect(res.headers.get('retry-after')).toBe(String(seconds));
  expect(error?.message).toBe(`Too many requests; retry in ${seconds} s`);
}

describe('per IP', () => {
  it('refuses the 6th request of a second from one IP (300/min) with 429, Retry-After and RATE_LIMITED; others are unaffected', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await postGraphql(api.base, ME, as(ip))).status).toBe(200);
    tick(500);
    const refused = await postGraphql(api.base, ME, as(ip));
    await expectRateLimited(refused, 1);
    expect((await postGraphql(api.base, ME, as(freshIp()))).status).toBe(200);
    tick(501);
    expect((await postGraphql(api.base, ME, as(ip))).status).toBe(200);
  });
});

describe('per user', () => {
  it('counts a signed-in user across IPs', async () => {
    const token = await customerToken();
    for (let i = 0; i < 3; i++)
      expect((await postGraphql(api.base, ME, as(freshIp(), token))).status).toBe(200);
    await expectRateLimited(await postGraphql(api.base, ME, as(freshIp(), token)), 1);
    expect((await postGraphql(api.base, ME, as(freshIp(), await customerToken()))).status).toBe(200);
  });
});

describe('holdSeats', () => {
  it('allows 3 holds a minute per user, then RATE_LIMITED before the mutation runs', async () => {
    const token = await customerToken();
    const ip = freshIp();
    for (let i = 0; i < 3; i++) {
      const res = await hold(ip, token, i);
      expect(res.body.errors).toBeUndefined();
    }
    tick(1_000); // past the per-show second
    const refused = await hold(ip, token, 3);
    await expectRateLimited(refused, 60);
    expect(refused.body.data).toBeUndefined();
    // Other operations of the same user still run.
    expect((await postGraphql(api.base, ME, as(ip, token))).body.data?.me).toBeTruthy();
    tick(60_000);
    expect((await hold(ip, token, 3)).body.errors).toBeUndefined();
  });

  it('admits 5 holds a second on one show across all users, then asks for a retry in 1 s', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, () => customerToken()));
    for (let i = 0; i < 5; i++)
      expect((await hold(freshIp(), users[i]!, 10 + i)).body.errors?.[0]?.message).toBeUndefined();
    const refused = await hold(freshIp(), users[5]!, 15);
    await expectRateLimited(refused, 1);
    tick(1_000);
    expect((await hold(freshIp(), users[5]!, 15)).body.errors).toBeUndefined();
  });

  it('counts aliased holdSeats calls of one request one by one', async () => {
    tick(5_000);
    const token = await customerToken();
    const input = (i: number) => `{ showId: "${show.showId}", seatIds: ["${seatIds[20 + i]}"] }`;
    const query = `mutation { ${[0, 1, 2, 3].map((i) => `h${i}: holdSeats(input: ${input(i)}) { id }`).join(' ')} }`;
    await expectRateLimited(await postGraphql(api.base, { query }, as(freshIp(), token)), 60);
  });
});

describe('admins', () => {
  it('are exempt from every budget', async () => {
    const ip = freshIp();
    for (let i = 0; i < 20; i++)
      expect((await postGraphql(api.base, ME, as(ip, adminToken))).status).toBe(200);
    tick(5_000);
    for (let i = 0; i < 6; i++) expect((await hold(ip, adminToken, 30 + i)).body.errors).toBeUndefined();
  });
});

describe('RATE_LIMITS=off', () => {
  it('builds no limiter; every other limit stays', async () => {
    const lifecycle = { onShutdown: () => {} } as unknown as Lifecycle;
    const logger = createLogger('silent');
    expect(rateLimiterFromEnv(loadEnv({ RATE_LIMITS: 'off' }), logger, lifecycle)).toBeUndefined();
    expect(rateLimiterFromEnv(loadEnv({}), logger, lifecycle)).toBeDefined();

    const open = await startApiServer({}, api.h);
    try {
      const results = await Promise.all(Array.from({ length: 100 }, () => postGraphql(open.base, ME)));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const aliases = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
      expect((await postGraphql(open.base, { query: aliases })).status).toBe(400);
    } finally {
      await open.close();
    }
  });
});

describe.skipIf(!process.env['REDIS_URL'])('in Redis', () => {
  it('shares counters through Redis and refuses from memory once a key is spent', async () => {
    const redis = new Redis(process.env['REDIS_URL']!, { enableOfflineQueue: false });
    await new Promise((resolve) => redis.once('ready', resolve));
    const keyPrefix = `boxoffice:test:${Date.now()}:${Math.random()}`;
    try {
      const a = createRateLimiter({ redis, keyPrefix, budgets: { ipPerMinute: 180 } });
      const b = createRateLimiter({ redis, keyPrefix, budgets: { ipPerMinute: 180 } }); // another API process
      expect(await a.request('1.2.3.4', null)).toBeNull();
      expect(await b.request('1.2.3.4', null)).toBeNull();
      expect(await a.request('1.2.3.4', null)).toBeNull();
      const refused = await b.request('1.2.3.4', null);
      expect(refused).toMatchObject({ budget: 'ipPerMinute' });
      expect(refused!.retryAfterSeconds).toBe(1);
      expect(await a.request('5.6.7.8', null)).toBeNull();
    } finally {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});
