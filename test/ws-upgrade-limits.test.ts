import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { createRateLimiter } from '../src/http/rate-limits/rate-limiter.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { limiterClock } from './helpers/limiter-clock.js';
import { openedSocket, openRawSocket, type RawSocket, type RefusedUpgrade } from './helpers/raw-socket.js';

/**
 * WebSocket upgrades per client IP: open sockets at once and upgrades per minute, refused with a
 * 429 before the handshake. The server trusts X-Forwarded-For from loopback, so each test plays
 * its own IPs.
 */
let api: ApiServer;
const sockets: WebSocket[] = [];
let ipCounter = 0;
const freshIp = () => `10.2.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

const tick = limiterClock(61_000);

beforeAll(async () => {
  api = await startApiServer({
    rateLimiter: createRateLimiter({ budgets: { ipWsUpgradesPerMinute: 5, ipOpenWebSockets: 3 } }),
    trustProxy: 'loopback',
  });
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await api?.close();
});

const from = (ip: string) => ({ 'x-forwarded-for': ip });
const serves = async (s: RawSocket) => {
  await s.init();
  expect((await s.run('me', { query: '{ me { id } }' })).payload).toEqual({ data: { me: null } });
};
/** Closes a socket and waits until the server has seen it go. */
const closeAndWait = async (s: RawSocket) => {
  s.ws.close();
  await s.closed;
  await new Promise((r) => setTimeout(r, 50));
};
function expectRefused(res: RawSocket | RefusedUpgrade, maxSeconds: number) {
  if (!('status' in res)) throw new Error('the upgrade was accepted');
  expect(res.status).toBe(429);
  const body = JSON.parse(res.body) as { errors: { extensions: { code: string; retryAfterSeconds: number } }[] };
  const { code, retryAfterSeconds } = body.errors[0]!.extensions;
  expect(code).toBe('RATE_LIMITED');
  expect(retryAfterSeconds).toBeGreaterThanOrEqual(1);
  expect(retryAfterSeconds).toBeLessThanOrEqual(maxSeconds);
  expect(res.headers['retry-after']).toBe(String(retryAfterSeconds));
}

describe('WebSocket upgrades per IP', () => {
  it('refuses a 4th open socket of one IP with 429 before the handshake; closing one frees its place', async () => {
    const ip = freshIp();
    const open = [];
    for (let i = 0; i < 3; i++) open.push(await openedSocket(api.wsUrl, from(ip), sockets));
    expectRefused(await openRawSocket(api.wsUrl, from(ip), sockets), 60);
    // Other IPs are not affected, and the open ones keep working.
    await serves(await openedSocket(api.wsUrl, from(freshIp()), sockets));
    await serves(open[0]!);
    await closeAndWait(open[1]!);
    await serves(await openedSocket(api.wsUrl, from(ip), sockets));
  });

  it('refuses the 6th upgrade of a minute from one IP, even with none open', async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) await closeAndWait(await openedSocket(api.wsUrl, from(ip), sockets));
    expectRefused(await openRawSocket(api.wsUrl, from(ip), sockets), 60);
    tick(60_000);
    await serves(await openedSocket(api.wsUrl, from(ip), sockets));
  });

  it('refuses upgrades on other paths as before (400), graphql-ws still on /graphql', async () => {
    const other = await openRawSocket(api.wsUrl.replace('/graphql', '/elsewhere'), from(freshIp()), sockets);
    expect('status' in other && other.status).toBe(400);
  });

  it('has no such limit with RATE_LIMITS=off (no limiter)', async () => {
    const open = await startApiServer({ trustProxy: 'loopback' }, api.h);
    try {
      const ip = freshIp();
      const many = await Promise.all(Array.from({ length: 40 }, () => openedSocket(open.wsUrl, from(ip), sockets)));
      await serves(many[39]!);
    } finally {
      await open.close();
    }
  });
});
