import { request } from 'node:http';
import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { rateLimitRedis, rateLimiterFromEnv } from '../src/bootstrap/rate-limits.js';
import type { Lifecycle } from '../src/bootstrap/lifecycle.js';
import { loadEnv } from '../src/config/env.js';
import { createTokenIssuer } from '../src/domain/auth/tokens.js';
import { MAX_COST } from '../src/graphql/limits/cost.js';
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
  ipPerSecond: 5,
  ipPerMinute: 300,
  userPerSecond: 3,
  userPerMinute: 180,
  // 2,500 per 5 s. A seat map costs 1,002 here: 1 show, 1 seat map, and 500 seats with their
  // price (the show has 500 seats, and seat maps are charged at their show's real size).
  ipCostPerMinute: 30_000,
  userCostPerMinute: 30_000,
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
  // The show cache is off here, so every seat map is executed and costed; one test turns it on.
  api = await startApiServer({
    rateLimiter: createRateLimiter({ budgets, holdRefusalsMs: 1_000 }),
    trustProxy: 'loopback',
    showCacheMaxAgeMs: 0,
  });
  show = await createShowFixture(api.h.services, { rows: 20, seatsPerRow: 25 });
  const admin = await api.h.admin();
  adminToken = await tokens.sign({ id: admin.id, tokenVersion: 0 });
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
const SEAT_MAP = (extra = '') => ({
  query: `{ show(id: "${show.showId}") { seatMap { seats { id price { amount } ${extra} } } } }`,
});
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
const customerToken = async () => tokens.sign({ id: (await createCustomers(api.h, 1))[0]!.id, tokenVersion: 0 });

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
  it('holds a client that keeps asking to its minute, whatever the second', async () => {
    const limiter = createRateLimiter({ budgets: { ipPerSecond: 5, ipPerMinute: 12 } });
    for (let second = 0; second < 2; second++) {
      for (let i = 0; i < 5; i++) expect(await limiter.request('192.0.2.1', null)).toBeNull();
      expect(await limiter.request('192.0.2.1', null)).toMatchObject({ budget: 'ipPerSecond' });
      tick(1_000);
    }
    expect(await limiter.request('192.0.2.1', null)).toBeNull();
    expect(await limiter.request('192.0.2.1', null)).toBeNull();
    const refused = await limiter.request('192.0.2.1', null);
    expect(refused).toMatchObject({ budget: 'ipPerMinute', retryAfterSeconds: 58 });
    tick(1_000);
    expect(await limiter.request('192.0.2.1', null)).toMatchObject({ budget: 'ipPerMinute' });
    tick(57_000);
    expect(await limiter.request('192.0.2.1', null)).toBeNull();
  });

  it('always lets the dearest allowed operation run in a fresh window, however small the cost budget', async () => {
    const limiter = createRateLimiter({ budgets: { ipCostPerMinute: 600 } });
    expect(await limiter.operation('192.0.2.2', null, { cost: MAX_COST, fields: [] })).toBeNull();
    expect(await limiter.operation('192.0.2.2', null, { cost: 1, fields: [] })).toMatchObject({
      budget: 'ipCostPerMinute',
    });
    // What costs nothing (`{ __typename }`) passes.
    expect(await limiter.operation('192.0.2.2', null, { cost: 0, fields: [] })).toBeNull();
  });

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

describe('query cost per IP', () => {
  it('counts what requests make the server do: two seat maps and a cheap query fit 5 seconds (2,005 of 2,500), a third seat map does not', async () => {
    const ip = freshIp();
    for (let i = 0; i < 2; i++) {
      const res = await postGraphql(api.base, SEAT_MAP(), as(ip));
      expect(res.body.data?.show.seatMap.seats).toHaveLength(500);
    }
    expect((await postGraphql(api.base, ME, as(ip))).status).toBe(200);
    const refused = await postGraphql(api.base, SEAT_MAP(), as(ip));
    await expectRateLimited(refused, 5);
    expect(refused.body.data).toBeUndefined();
    // A refused operation counts too: the IP waits for the window to end, and its requests are
    // now refused before they are parsed (this one would fail to parse).
    tick(1_000);
    await expectRateLimited(await postGraphql(api.base, { query: '{ me {' }, as(ip)), 4);
    expect((await postGraphql(api.base, SEAT_MAP(), as(freshIp()))).status).toBe(200);
    tick(4_000);
    expect((await postGraphql(api.base, SEAT_MAP(), as(ip))).status).toBe(200);
  });

  it('paces dear operations: one dearer than 5 seconds of budget runs alone in them', async () => {
    const ip = freshIp();
    // Two pages of 100 event descriptions: 2 x 100 x 13 = 2,600.
    const page = 'edges { node { description } }';
    const dear = { query: `{ a: events(first: 100) { ${page} } b: events(first: 100) { ${page} } }` };
    expect((await postGraphql(api.base, dear, as(ip))).body.data?.a.edges).toEqual(expect.any(Array));
    await expectRateLimited(await postGraphql(api.base, ME, as(ip)), 5);
    tick(5_000);
    expect((await postGraphql(api.base, ME, as(ip))).status).toBe(200);
  });

  it('charges nothing for an operation over the cost limit: it is refused with 400 and never runs', async () => {
    const ip = freshIp();
    const six = {
      query: `{ ${['a', 'b', 'c', 'd', 'e', 'f'].map((a) => `${a}: show(id: "${show.showId}") { seatMap { seats { id price { amount } } } }`).join(' ')} }`,
    };
    const tooDear = await postGraphql(api.base, six, as(ip));
    expect(tooDear.status).toBe(400);
    expect(tooDear.body.errors?.[0]?.extensions).toMatchObject({ maxCost: MAX_COST });
    for (let i = 0; i < 2; i++) expect((await postGraphql(api.base, SEAT_MAP(), as(ip))).status).toBe(200);
  });

  it("counts a signed-in user's seat maps across IPs", async () => {
    const token = await customerToken();
    for (let i = 0; i < 2; i++)
      expect((await postGraphql(api.base, SEAT_MAP(), as(freshIp(), token))).status).toBe(200);
    await expectRateLimited(await postGraphql(api.base, SEAT_MAP(), as(freshIp(), token)), 5);
  });

  /** The same limits with the show cache on (the shared server has it off). */
  const startWithShowCache = () =>
    startApiServer(
      { rateLimiter: createRateLimiter({ budgets, holdRefusalsMs: 1_000 }), trustProxy: 'loopback', showCacheMaxAgeMs: 60_000 },
      api.h,
    );

  it('charges a tenth for answers from the show cache: their stored body is sent, nothing is executed', async () => {
    const cached = await startWithShowCache();
    try {
      const ip = freshIp();
      // Executed once (1,002), then answered from the cache (101 each): 10 fit where 3 executions would not.
      for (let i = 0; i < 10; i++) {
        if (i === 5) tick(1_000);
        expect((await postGraphql(cached.base, SEAT_MAP(), as(ip))).status).toBe(200); // 1,911 of 2,500 at the end
      }
      tick(1_000);
      // A new document is executed and charged in full.
      await expectRateLimited(await postGraphql(cached.base, SEAT_MAP('status'), as(ip)), 4);
    } finally {
      await cached.close();
    }
  });

  it('refuses an answer from the cache that no longer fits before reading anything for it', async () => {
    const cached = await startWithShowCache();
    try {
      const ip = freshIp();
      // 1,002 + 14 x 101 = 2,416 of 2,500: not even an answer from the cache fits any more.
      for (let i = 0; i < 15; i++) {
        if (i > 0 && i % 5 === 0) tick(1_000);
        expect((await postGraphql(cached.base, SEAT_MAP(), as(ip))).status).toBe(200);
      }
      api.h.resetStatements();
      await expectRateLimited(await postGraphql(cached.base, SEAT_MAP(), as(ip)), 5);
      expect(api.h.statements.filter((s) => !/pg_catalog/.test(s))).toEqual([]);
    } finally {
      await cached.close();
    }
  });

  it('charges WebSocket operations to the same IP budget as HTTP ones', async () => {
    const ip = freshIp();
    const ws = new WebSocket(api.wsUrl, 'graphql-transport-ws', { headers: { 'x-forwarded-for': ip } });
    const messages: { id?: string; type: string; payload?: any }[] = [];
    const next = (pred: (m: (typeof messages)[number]) => boolean) =>
      new Promise<(typeof messages)[number]>((resolve) => {
        const found = messages.find(pred);
        if (found) return resolve(found);
        ws.on('message', () => {
          const m = messages.find(pred);
          if (m) resolve(m);
        });
      });
    ws.on('message', (data) => messages.push(JSON.parse(String(data))));
    try {
      await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
      ws.send(JSON.stringify({ type: 'connection_init' }));
      await next((m) => m.type === 'connection_ack');
      expect((await postGraphql(api.base, SEAT_MAP(), as(ip))).status).toBe(200);
      ws.send(JSON.stringify({ id: '1', type: 'subscribe', payload: SEAT_MAP() }));
      expect((await next((m) => m.id === '1' && m.type !== 'complete')).type).toBe('next');
      ws.send(JSON.stringify({ id: '2', type: 'subscribe', payload: SEAT_MAP() }));
      const refused = await next((m) => m.id === '2');
      expect(refused.type).toBe('error');
      expect(refused.payload[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      ws.terminate();
    }
  });
});

describe('one client at a time', () => {
  /** A POST from `ip` whose body is not finished until `finish()`: it holds its turn meanwhile. */
  function slowRequest(port: number, ip: string) {
    const body = JSON.stringify(ME);
    const req = request({
      host: '127.0.0.1',
      port,
      path: '/graphql',
      method: 'POST',
      agent: false,
      headers: { 'content-type': 'application/json', 'content-length': body.length, 'x-forwarded-for': ip },
    });
    const answered = new Promise<number>((resolve, reject) => {
      req.on('response', (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
    });
    req.write(body.slice(0, 5));
    return { answered, finish: () => req.end(body.slice(5)) };
  }

  it('works on 2 requests of one IP at once, queues 16 in order, refuses the next; other IPs never wait', async () => {
    const generous = await startApiServer(
      {
        rateLimiter: createRateLimiter({ budgets: { ipPerSecond: 100, ipPerMinute: 1_000 }, holdRefusalsMs: 1_000 }),
        trustProxy: 'loopback',
      },
      api.h,
    );
    const port = generous.server.port;
    const ip = freshIp();
    const held = [slowRequest(port, ip), slowRequest(port, ip)];
    try {
      await new Promise((r) => setTimeout(r, 100));
      const queued = Array.from({ length: 16 }, () => postGraphql(generous.base, ME, as(ip)));
      const overflow = await postGraphql(generous.base, ME, as(ip));
      await expectRateLimited(overflow, 1);
      // Another IP is served at once, while this one's queue waits for its turns.
      const other = await postGraphql(generous.base, ME, as(freshIp()));
      expect(other.status).toBe(200);
      let done = 0;
      for (const q of queued) void q.then(() => done++);
      await new Promise((r) => setTimeout(r, 200));
      expect(done).toBe(0);
      held[0]!.finish();
      expect(await held[0]!.answered).toBe(200);
      const answers = await Promise.all(queued);
      expect(answers.every((a) => a.status === 200)).toBe(true);
      held[1]!.finish();
      expect(await held[1]!.answered).toBe(200);
    } finally {
      await generous.close();
    }
  });
  it('refuses a request that waited its turn once its client has spent its cost budget, before reading it', async () => {
    // 1,100 per 5 s: one seat map (1,002) fits, the second does not.
    const tight = await startApiServer(
      {
        rateLimiter: createRateLimiter({
          budgets: { ipPerSecond: 100, ipPerMinute: 1_000, ipCostPerMinute: 13_200 },
          holdRefusalsMs: 1_000,
        }),
        trustProxy: 'loopback',
      },
      api.h,
    );
    const ip = freshIp();
    const held = [slowRequest(tight.server.port, ip), slowRequest(tight.server.port, ip)];
    try {
      await new Promise((r) => setTimeout(r, 100));
      const first = postGraphql(tight.base, SEAT_MAP(), as(ip));
      const second = postGraphql(tight.base, SEAT_MAP(), as(ip));
      const malformed = postGraphql(tight.base, '{"query": ', as(ip));
      // One turn at a time from here: `first` runs, then `second` is parsed, costed and refused,
      // which marks the budget spent, then `malformed` gets its turn and is refused unread.
      held[0]!.finish();
      expect((await first).body.errors).toBeUndefined();
      await expectRateLimited(await second, 5);
      await expectRateLimited(await malformed, 5); // a 429, not the 400 its body would get
      // Admitted before the budget ran out, it is still costed once parsed, and refused.
      held[1]!.finish();
      expect(await held[1]!.answered).toBe(429);
    } finally {
      await tight.close();
    }
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
    const redis = rateLimitRedis(process.env['REDIS_URL']!);
    await new Promise((resolve) => redis.once('ready', resolve));
    const keyPrefix = `boxoffice:test:${Date.now()}:${Math.random()}`;
    try {
      const budgets = { ipPerSecond: 3, ipCostPerMinute: 30_000 }; // 2,500 per 5 s
      const a = createRateLimiter({ redis, keyPrefix, budgets });
      const b = createRateLimiter({ redis, keyPrefix, budgets }); // another API process
      expect(await a.request('1.2.3.4', null)).toBeNull();
      expect(await b.request('1.2.3.4', null)).toBeNull();
      expect(await a.request('1.2.3.4', null)).toBeNull();
      const refused = await b.request('1.2.3.4', null);
      expect(refused).toMatchObject({ budget: 'ipPerSecond' });
      expect(refused!.retryAfterSeconds).toBe(1);
      expect(await a.request('5.6.7.8', null)).toBeNull();
      // A burst whose checks leave in one pipelined write: exactly the budget gets through.
      const burst = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? a : b).request('7.7.7.7', null)),
      );
      expect(burst.filter((r) => r === null)).toHaveLength(3);
      // Cost budgets are shared the same way, weighted by each operation's cost.
      const seatMap = { cost: 2_600, fields: [] };
      expect(await a.operation('5.6.7.8', null, seatMap)).toBeNull();
      expect(await b.operation('5.6.7.8', null, seatMap)).toMatchObject({ budget: 'ipCostPerMinute' });
      expect(await b.operation('9.9.9.9', null, seatMap)).toBeNull();
    } finally {
      const keys = await redis.keys(`${keyPrefix}*`);
      if (keys.length) await redis.del(...keys);
      await redis.quit();
    }
  });
});
