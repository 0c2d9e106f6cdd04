import WebSocket from 'ws';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createRateLimiter } from '../src/http/rate-limits/rate-limiter.js';
import { postGraphql, startApiServer, type ApiServer, type HttpAnswer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';

/**
 * Seat maps of large shows through the real server: one seat map per request, charged to the
 * rate-limit budgets at the show's real size. A 20,000-seat arena's map used to cost 1,002 like a
 * 500-seat one, so four aliased ones passed the cost limit (about 4,000 of 5,000) and answered
 * megabytes. Only `Date` is faked (what the limiter reads), so each test starts in fresh windows.
 */
const budgets = {
  ipPerSecond: 100,
  ipPerMinute: 1_000,
  userPerSecond: 100,
  userPerMinute: 1_000,
  // 5,000 per 5 s: four maps of a 500-seat show (1,002 each) fit; an arena map costs 40,002.
  ipCostPerMinute: 60_000,
  userCostPerMinute: 60_000,
};
let api: ApiServer;
let arena: ShowFixture;
let cinema: ShowFixture;
let ipCounter = 0;
const freshIp = () => `10.9.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;
const as = (ip: string) => ({ 'x-forwarded-for': ip });

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  // The show cache is off: every seat map is executed and charged in full.
  api = await startApiServer({
    rateLimiter: createRateLimiter({ budgets, holdRefusalsMs: 1_000 }),
    trustProxy: 'loopback',
    showCacheMaxAgeMs: 0,
  });
  // Rows AA..BN: 40 rows of 500 seats.
  const rowLabel = (i: number) => String.fromCharCode(65 + Math.floor(i / 26), 65 + (i % 26));
  arena = await createShowFixture(api.h.services, { rows: 40, seatsPerRow: 500, sections: 4, rowLabel });
  cinema = await createShowFixture(api.h.services, { rows: 20, seatsPerRow: 25 });
});
afterAll(async () => {
  vi.useRealTimers();
  await api?.close();
});
beforeEach(() => {
  vi.setSystemTime(Date.now() + 61_000);
});

const SEATS = 'seats { id price { amount } }';
const seatMapOf = (showId: string) => `show(id: "${showId}") { seatMap { ${SEATS} } }`;
const aliased = (n: number, showId: string) =>
  `{ ${Array.from({ length: n }, (_, i) => `m${i}: ${seatMapOf(showId)}`).join(' ')} }`;
const firstShows = (eventId: string, first: number) =>
  `{ shows(filter: { eventId: "${eventId}" }, first: ${first}) { edges { node { seatMap { ${SEATS} } } } } }`;

function expectOneSeatMapPerRequest(res: HttpAnswer, seatMaps: number) {
  expect(res.status).toBe(400);
  expect(res.body.data).toBeUndefined();
  expect(res.body.errors?.[0]?.message).toMatch(/one seat map per request/);
  expect(res.body.errors?.[0]?.extensions).toMatchObject({
    code: 'BAD_USER_INPUT',
    seatMaps,
    maxSeatMaps: 1,
  });
}

describe('one seat map per request (HTTP)', () => {
  it('refuses four aliased seat maps of a 20,000-seat show with 400, before executing any', async () => {
    api.h.resetStatements();
    const res = await postGraphql(api.base, { query: aliased(4, arena.showId) }, as(freshIp()));
    expectOneSeatMapPerRequest(res, 4);
    expect(res.ms).toBeLessThan(1_000);
    expect(api.h.statements.filter((s) => /json_agg/.test(s))).toEqual([]);
  });

  it('counts seat lists through variables, fragments, inline fragments and aliased seats', async () => {
    const cases: [string, Record<string, unknown>?][] = [
      [
        `query($id: ID!) { a: show(id: $id) { seatMap { ${SEATS} } } b: show(id: $id) { seatMap { ${SEATS} } } }`,
        { id: arena.showId },
      ],
      [
        `{ a: show(id: "${arena.showId}") { ...M } b: show(id: "${cinema.showId}") { ... on Show { ...M } } } fragment M on Show { seatMap { ${SEATS} } }`,
      ],
      [`{ show(id: "${arena.showId}") { seatMap { a: seats { id } b: seats { id } } } }`],
      [`{ show(id: "${arena.showId}") { a: seatMap { seats { id } } b: seatMap { seats { id } } } }`],
    ];
    for (const [query, variables] of cases) {
      expectOneSeatMapPerRequest(await postGraphql(api.base, { query, variables }, as(freshIp())), 2);
    }
  });

  it('answers one seat map of the 20,000-seat show', async () => {
    const res = await postGraphql(api.base, { query: `{ ${seatMapOf(arena.showId)} }` }, as(freshIp()));
    expect(res.status).toBe(200);
    expect(res.body.data.show.seatMap.seats).toHaveLength(20_000);
  });

  it('keeps shows(first: 1) with its seat map, and refuses first: 2 with seat maps', async () => {
    const one = await postGraphql(api.base, { query: firstShows(cinema.eventId, 1) }, as(freshIp()));
    expect(one.status).toBe(200);
    expect(one.body.data.shows.edges[0].node.seatMap.seats).toHaveLength(500);
    expectOneSeatMapPerRequest(
      await postGraphql(api.base, { query: firstShows(cinema.eventId, 2) }, as(freshIp())),
      2,
    );
    // A seat map without its seats is a few sections: a page of those is fine.
    const versions = `{ shows(filter: { eventId: "${cinema.eventId}" }, first: 2) { edges { node { seatMap { version } } } } }`;
    expect((await postGraphql(api.base, { query: versions }, as(freshIp()))).status).toBe(200);
  });
});

describe("the budgets are charged a seat map's real size", () => {
  async function expectRateLimited(res: HttpAnswer) {
    expect(res.status).toBe(429);
    expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  }

  it('refuses the second arena map in a 5-second window that four 500-seat maps fit in', async () => {
    const ip = freshIp();
    for (let i = 0; i < 4; i++) {
      expect((await postGraphql(api.base, { query: `{ ${seatMapOf(cinema.showId)} }` }, as(ip))).status).toBe(
        200,
      );
    }
    vi.setSystemTime(Date.now() + 5_000);
    const first = await postGraphql(api.base, { query: `{ ${seatMapOf(arena.showId)} }` }, as(ip));
    expect(first.body.data.show.seatMap.seats).toHaveLength(20_000);
    await expectRateLimited(await postGraphql(api.base, { query: `{ ${seatMapOf(arena.showId)} }` }, as(ip)));
    // 40,002 of the minute's 60,000 is spent: a 500-seat map still fits once the 5 s are over.
    vi.setSystemTime(Date.now() + 5_000);
    expect((await postGraphql(api.base, { query: `{ ${seatMapOf(cinema.showId)} }` }, as(ip))).status).toBe(
      200,
    );
  });

  it('charges an answer from the show cache a tenth of the real size: 4,001 for the arena map', async () => {
    const cached = await startApiServer(
      {
        rateLimiter: createRateLimiter({ budgets, holdRefusalsMs: 1_000 }),
        trustProxy: 'loopback',
        showCacheMaxAgeMs: 60_000,
      },
      api.h,
    );
    try {
      const query = {
        query: `query($id: ID!) { show(id: $id) { seatMap { ${SEATS} } } }`,
        variables: { id: arena.showId },
      };
      // A miss is charged 4,001 first, then the rest: together they spend the window, as one
      // charge of 40,002 would, instead of overflowing it (which refused every arena miss).
      expect((await postGraphql(cached.base, query, as(freshIp()))).status).toBe(200);
      const ip = freshIp();
      expect((await postGraphql(cached.base, query, as(ip))).body.data.show.seatMap.seats).toHaveLength(
        20_000,
      );
      await expectRateLimited(await postGraphql(cached.base, query, as(ip)));
    } finally {
      await cached.close();
    }
  });

  it('charges a seat map whose show is known only after execution as the largest screen', async () => {
    const ip = freshIp();
    // A 500-seat show's map, but under shows(...): charged as the 20,000-seat arena.
    expect((await postGraphql(api.base, { query: firstShows(cinema.eventId, 1) }, as(ip))).status).toBe(200);
    await expectRateLimited(await postGraphql(api.base, { query: firstShows(cinema.eventId, 1) }, as(ip)));
  });
});

describe('the sizes charged', () => {
  it("counts a show's seats with blocked ones (the seat map lists them), and the largest screen", async () => {
    const catalog = api.h.services.catalog;
    const blocked = await createShowFixture(api.h.services, {
      rows: 2,
      seatsPerRow: 5,
      blocked: [{ row: 0, seat: 1 }],
    });
    expect(await catalog.seatCount(blocked.showId)).toBe(10);
    expect(await catalog.seatCount(arena.showId.toUpperCase())).toBe(20_000);
    expect(await catalog.seatCount('00000000-0000-4000-8000-000000000000')).toBeNull();
    expect(await catalog.seatCount("1' or '1'='1")).toBeNull();
    expect(await catalog.largestSeatCount()).toBe(20_000);
  });
});

describe('over WebSocket', () => {
  type Message = { id?: string; type: string; payload?: any };
  async function socket(ip: string) {
    const ws = new WebSocket(api.wsUrl, 'graphql-transport-ws', { headers: { 'x-forwarded-for': ip } });
    const messages: Message[] = [];
    const waiters: [string, (m: Message) => void][] = [];
    ws.on('message', (data) => {
      const m = JSON.parse(String(data)) as Message;
      messages.push(m);
      for (const w of waiters.filter(([id]) => id === m.id)) waiters.splice(waiters.indexOf(w), 1) && w[1](m);
    });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
    ws.send(JSON.stringify({ type: 'connection_init' }));
    await new Promise((resolve) => ws.once('message', resolve));
    /** The first message of operation `id`, or a timeout marker after 5 s. */
    const run = (id: string, payload: { query: string }) => {
      ws.send(JSON.stringify({ id, type: 'subscribe', payload }));
      return new Promise<Message>((resolve) => {
        waiters.push([id, resolve]);
        setTimeout(() => resolve({ id, type: 'timeout' }), 5_000);
      });
    };
    return { ws, run };
  }

  it('refuses aliased seat maps and aliased seat lists of a subscription with BAD_USER_INPUT', async () => {
    const { ws, run } = await socket(freshIp());
    try {
      const four = await run('four', { query: aliased(4, arena.showId) });
      expect(four.type).toBe('error');
      expect(four.payload[0]).toMatchObject({
        message: expect.stringMatching(/one seat map per request/),
        extensions: { code: 'BAD_USER_INPUT', seatMaps: 4 },
      });
      const twoLists = await run('sub', {
        query: `subscription { seatChanged(showId: "${arena.showId}") { version a: seats { id } b: seats { id } } }`,
      });
      expect(twoLists.type).toBe('error');
      expect(twoLists.payload[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', seatMaps: 2 });
      expect(ws.readyState).toBe(WebSocket.OPEN);
    } finally {
      ws.terminate();
    }
  });

  it("answers one arena map and charges its real size to the client's budget", async () => {
    const { ws, run } = await socket(freshIp());
    try {
      const first = await run('1', { query: `{ ${seatMapOf(arena.showId)} }` });
      expect(first.type).toBe('next');
      expect(first.payload.data.show.seatMap.seats).toHaveLength(20_000);
      const second = await run('2', { query: `{ ${seatMapOf(arena.showId)} }` });
      expect(second.type).toBe('error');
      expect(second.payload[0].extensions).toMatchObject({ code: 'RATE_LIMITED' });
    } finally {
      ws.terminate();
    }
  });
});
