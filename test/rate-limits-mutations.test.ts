import { randomUUID } from 'node:crypto';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { createTokenIssuer } from '../src/domain/auth/tokens.js';
import { fragmentsOf } from '../src/graphql/limits/cost.js';
import { createRateLimiter } from '../src/http/rate-limits/rate-limiter.js';
import { mutationFieldCalls } from '../src/http/rate-limits/root-fields.js';
import { postGraphql, startApiServer, type ApiServer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { TEST_CONFIG } from './helpers/harness.js';
import { limiterClock } from './helpers/limiter-clock.js';
import { openedSocket } from './helpers/raw-socket.js';
import { createCustomers } from './helpers/users.js';

/**
 * The budgets of single mutations (holdSeats, register, login), through the real server, however
 * the calls are dressed up: aliases, fragments at any depth, another spelling of the same show,
 * HTTP or WebSocket. Each test plays its own IPs (the server trusts X-Forwarded-For from loopback).
 */
const budgets = {
  ipPerSecond: 100,
  ipPerMinute: 1_000,
  userPerSecond: 100,
  userPerMinute: 1_000,
  holdSeatsPerMinute: 3,
  showHoldSeatsPerSecond: 5,
  ipRegistrationsPerHour: 3,
  ipLoginsPerMinute: 3,
};
const tokens = createTokenIssuer(TEST_CONFIG.jwtSecret, 3600);
let api: ApiServer;
let show: ShowFixture;
let seatIds: string[];
let ipCounter = 0;
const freshIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
const sockets: WebSocket[] = [];

const tick = limiterClock(3_601_000); // every window of the last test has ended

beforeAll(async () => {
  api = await startApiServer({
    rateLimiter: createRateLimiter({ budgets, holdRefusalsMs: 0 }),
    trustProxy: 'loopback',
    showCacheMaxAgeMs: 0,
  });
  show = await createShowFixture(api.h.services, { rows: 4, seatsPerRow: 10 });
  const map = await api.h.exec<{ show: { seatMap: { seats: { id: string }[] } } }>(
    `{ show(id: "${show.showId}") { seatMap { seats { id } } } }`,
  );
  seatIds = map.data!.show.seatMap.seats.map((s) => s.id);
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await api?.close();
});

const as = (ip: string, token?: string) => ({
  'x-forwarded-for': ip,
  ...(token ? { authorization: `Bearer ${token}` } : {}),
});
const customerToken = async () => tokens.sign({ id: (await createCustomers(api.h, 1))[0]!.id, tokenVersion: 0 });
const codeOf = (res: Awaited<ReturnType<typeof postGraphql>>) => res.body.errors?.[0]?.extensions?.['code'];
const holdCall = (alias: string, seat: number, showId = show.showId) =>
  `${alias}: holdSeats(input: { showId: "${showId}", seatIds: ["${seatIds[seat]}"] }) { id }`;
const socketAs = async (ip: string) => {
  const s = await openedSocket(api.wsUrl, { 'x-forwarded-for': ip }, sockets);
  await s.init();
  return s;
};

describe('holdSeats behind fragments', () => {
  it('charges holdSeats three fragments deep like any other call', async () => {
    const query = `mutation { ...A }
      fragment A on Mutation { ...B }
      fragment B on Mutation { ...C }
      fragment C on Mutation { ${[0, 1, 2, 3].map((i) => holdCall(`h${i}`, i)).join(' ')} }`;
    const res = await postGraphql(api.base, { query }, as(freshIp(), await customerToken()));
    expect(res.status).toBe(429);
    expect(codeOf(res)).toBe('RATE_LIMITED');
    expect(res.body.data).toBeUndefined();
  });

  it('charges the same over WebSocket, inline fragments too', async () => {
    const query = `mutation { ... on Mutation { ... on Mutation { ...D } } }
      fragment D on Mutation { ${[4, 5, 6, 7].map((i) => holdCall(`h${i}`, i)).join(' ')} }`;
    const signedIn = await openedSocket(api.wsUrl, { 'x-forwarded-for': freshIp() }, sockets);
    await signedIn.init(`Bearer ${await customerToken()}`);
    const refused = await signedIn.run('deep', { query });
    expect(refused.type).toBe('error');
    expect(refused.payload[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    signedIn.ws.close();
  });

  it('charges a fragment spread twice once per call it makes (its fields run once)', async () => {
    const token = await customerToken();
    const ip = freshIp();
    const twice = `mutation { ...T ... on Mutation { ...T } }
      fragment T on Mutation { ${holdCall('a', 8)} ${holdCall('b', 9)} }`;
    expect((await postGraphql(api.base, { query: twice }, as(ip, token))).body.errors).toBeUndefined();
    tick(1_000);
    expect((await postGraphql(api.base, { query: `mutation { ${holdCall('c', 10)} }` }, as(ip, token))).body.errors).toBeUndefined();
    tick(1_000);
    expect(codeOf(await postGraphql(api.base, { query: `mutation { ${holdCall('d', 11)} }` }, as(ip, token)))).toBe('RATE_LIMITED');
  });

  it('reads cyclic or repeated fragments without looping', () => {
    const document = parse(`mutation { ...X ...Y } fragment X on Mutation { ...Y ${holdCall('x', 0)} }
      fragment Y on Mutation { ...X ...Y ${holdCall('y', 1)} }`);
    const operation = document.definitions[0] as Parameters<typeof mutationFieldCalls>[0];
    expect(mutationFieldCalls(operation, fragmentsOf(document), {}).map((c) => c.name)).toEqual([
      'holdSeats',
      'holdSeats',
    ]);
  });
});

describe('per-show admission', () => {
  it('spends none of it on anonymous holdSeats calls: the resolver refuses them', async () => {
    const ip = freshIp();
    const query = `mutation { ${[12, 13, 14, 15, 16, 17].map((i) => holdCall(`h${i}`, i)).join(' ')} }`;
    const anonymous = await postGraphql(api.base, { query }, as(ip));
    expect(codeOf(anonymous)).toBe('UNAUTHENTICATED');
    const res = await postGraphql(api.base, { query: `mutation { ${holdCall('h', 12)} }` }, as(freshIp(), await customerToken()));
    expect(res.body.errors).toBeUndefined();
  });

  it('counts a show id in any letter case as one show; a malformed id is charged to none', async () => {
    for (let i = 0; i < 5; i++) {
      const res = await postGraphql(api.base, { query: `mutation { ${holdCall('h', 20 + i)} }` }, as(freshIp(), await customerToken()));
      expect(res.body.errors).toBeUndefined();
    }
    const upper = `mutation { ${holdCall('h', 25, show.showId.toUpperCase())} }`;
    const refused = await postGraphql(api.base, { query: upper }, as(freshIp(), await customerToken()));
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    const malformed = `mutation { ${holdCall('h', 25, 'not-a-show-id')} }`;
    expect(codeOf(await postGraphql(api.base, { query: malformed }, as(freshIp(), await customerToken())))).toBe('BAD_USER_INPUT');
  });
});

describe('accounts per IP', () => {
  const register = (alias: string, tag: string) =>
    `${alias}: register(input: { email: "${alias}-${tag}@example.test", password: "correct horse", name: "Bot" }) { token }`;
  const registered = async (tag: string) =>
    (await api.h.db.sql<{ n: number }[]>`select count(*)::int as n from users where email like ${`%-${tag}@example.test`}`)[0]!.n;

  it('charges every aliased register call to the IP, over HTTP and WebSocket alike', async () => {
    const ip = freshIp();
    const tag = randomUUID();
    const four = await postGraphql(api.base, { query: `mutation { ${['a', 'b', 'c', 'd'].map((a) => register(a, tag)).join(' ')} }` }, as(ip));
    expect(four.status).toBe(429);
    expect(codeOf(four)).toBe('RATE_LIMITED');
    expect(await registered(tag)).toBe(0);

    tick(3_601_000);
    const two = await postGraphql(api.base, { query: `mutation { ${register('e', tag)} ${register('f', tag)} }` }, as(ip));
    expect(two.body.errors).toBeUndefined();
    const s = await socketAs(ip);
    expect((await s.run('g', { query: `mutation { ${register('g', tag)} }` })).type).toBe('next');
    const overWs = await s.run('h', { query: `mutation { ${register('h', tag)} }` });
    expect(overWs.type).toBe('error');
    expect(overWs.payload[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    expect(codeOf(await postGraphql(api.base, { query: `mutation { ${register('i', tag)} }` }, as(ip)))).toBe('RATE_LIMITED');
    expect(await registered(tag)).toBe(3);
    // Another IP has its own budget.
    expect((await postGraphql(api.base, { query: `mutation { ${register('j', tag)} }` }, as(freshIp()))).body.errors).toBeUndefined();
    s.ws.close();
  });

  it('charges every aliased login call to the IP', async () => {
    const email = `login-${randomUUID()}@example.test`;
    await api.h.services.auth.register({ email, password: 'correct horse', name: 'Ada' });
    const login = (alias: string, password = 'correct horse') =>
      `${alias}: login(input: { email: "${email}", password: "${password}" }) { token }`;
    const ip = freshIp();
    const guesses = `mutation { ${['a', 'b', 'c', 'd'].map((a) => login(a, `guess ${a}`)).join(' ')} }`;
    const refused = await postGraphql(api.base, { query: guesses }, as(ip));
    expect(refused.status).toBe(429);
    expect(codeOf(refused)).toBe('RATE_LIMITED');

    tick(61_000);
    const three = await postGraphql(api.base, { query: `mutation { ${login('a')} ${login('b')} ${login('c')} }` }, as(ip));
    expect(three.body.data?.c.token).toEqual(expect.any(String));
    const s = await socketAs(ip);
    const overWs = await s.run('d', { query: `mutation { ${login('d')} }` });
    expect(overWs.payload[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    s.ws.close();
  });
});
