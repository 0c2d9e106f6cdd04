import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { schema } from '../src/graphql/schema.js';
import { WS_LIMITS } from '../src/http/ws-limits.js';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';

/** graphql-ws close codes and limits, spoken over a raw socket so the server's answers are visible. */
let api: ApiServer;
let show: ShowFixture;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  api = await startApiServer();
  show = await createShowFixture(api.h.services, { rows: 2, seatsPerRow: 5 });
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await api?.close();
});

interface RawSocket {
  ws: WebSocket;
  messages: { id?: string; type: string; payload?: any }[];
  closed: Promise<{ code: number; reason: string; afterMs: number }>;
  send(message: unknown): void;
  /** Resolves with the first message matching `pred` (already received or future). */
  next(
    pred: (m: { id?: string; type: string; payload?: any }) => boolean,
  ): Promise<{ id?: string; type: string; payload?: any }>;
}

async function connect(): Promise<RawSocket> {
  const ws = new WebSocket(api.wsUrl, 'graphql-transport-ws');
  sockets.push(ws);
  const opened = performance.now();
  const messages: RawSocket['messages'] = [];
  const waiters: {
    pred: (m: RawSocket['messages'][number]) => boolean;
    resolve: (m: RawSocket['messages'][number]) => void;
  }[] = [];
  ws.on('message', (data) => {
    const m = JSON.parse(String(data));
    messages.push(m);
    for (const w of waiters.filter((w) => w.pred(m))) {
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(m);
    }
  });
  const closed = new Promise<{ code: number; reason: string; afterMs: number }>((resolve) =>
    ws.on('close', (code, reason) =>
      resolve({ code, reason: String(reason), afterMs: performance.now() - opened }),
    ),
  );
  ws.on('error', () => {});
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  return {
    ws,
    messages,
    closed,
    send: (m) => ws.send(typeof m === 'string' ? m : JSON.stringify(m)),
    next: (pred) => {
      const found = messages.find(pred);
      return found ? Promise.resolve(found) : new Promise((resolve) => waiters.push({ pred, resolve }));
    },
  };
}

async function acked(): Promise<RawSocket> {
  const s = await connect();
  s.send({ type: 'connection_init' });
  await s.next((m) => m.type === 'connection_ack');
  return s;
}

/** A normal operation on a fresh connection still works. */
async function stillServes() {
  const s = await acked();
  s.send({ id: 'ok', type: 'subscribe', payload: { query: `{ show(id: "${show.showId}") { id } }` } });
  const next = await s.next((m) => m.id === 'ok' && m.type === 'next');
  expect(next.payload).toEqual({ data: { show: { id: show.showId } } });
  s.ws.close();
}

describe('connection phase', () => {
  it('closes with 4408 when connection_init does not come within 3 s', async () => {
    const s = await connect();
    const closed = await s.closed;
    expect(closed.code).toBe(4408);
    expect(closed.afterMs).toBeGreaterThan(2_900);
    expect(closed.afterMs).toBeLessThan(3_500);
  });

  it('closes with 4401 on a flood of subscribes before connection_init', async () => {
    const s = await connect();
    for (let i = 0; i < 1_000; i++)
      s.send({ id: String(i), type: 'subscribe', payload: { query: '{ me { id } }' } });
    expect((await s.closed).code).toBe(4401);
    expect(s.messages.filter((m) => m.type === 'next')).toEqual([]);
    await stillServes();
  });

  it('closes with 4400 on an invalid message', async () => {
    const s = await connect();
    s.send('{"type":"nonsense"}');
    expect((await s.closed).code).toBe(4400);
    const t = await connect();
    t.send('not json at all');
    expect((await t.closed).code).toBe(4400);
    await stillServes();
  });

  it('closes with 4429 on a second connection_init', async () => {
    const s = await acked();
    s.send({ type: 'connection_init' });
    expect((await s.closed).code).toBe(4429);
  });

  it('closes with 1009 on a 2 MB frame', async () => {
    const s = await acked();
    s.send({
      id: '1',
      type: 'subscribe',
      payload: { query: '{ me { id } }', variables: { pad: 'x'.repeat(2 * 1024 * 1024) } },
    });
    expect((await s.closed).code).toBe(1009);
    await stillServes();
  });
});

describe('operations over WebSocket get the HTTP limits', () => {
  it('answers a syntax error with an error message, not a 4500 close', async () => {
    const s = await acked();
    s.send({ id: 'a', type: 'subscribe', payload: { query: '{ me { id ' } });
    const error = await s.next((m) => m.id === 'a' && m.type === 'error');
    expect(error.payload[0]).toMatchObject({
      message: expect.stringMatching(/Syntax Error/),
      extensions: { code: 'BAD_USER_INPUT' },
    });
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    s.ws.close();
  });

  it('refuses 16 aliases, 2,000+ tokens and an over-cost document', async () => {
    const s = await acked();
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: me { id }`).join(' ')} }`;
    const seatMap = 'seatMap { seats { id price { amount } } }';
    const costly = `{ ${[1, 2, 3, 4, 5].map((i) => `s${i}: show(id: "${show.showId}") { ${seatMap} }`).join(' ')} }`;
    const cases: [string, string, RegExp][] = [
      ['aliases', aliases(16), /Aliases limit of 15/],
      ['tokens', aliases(400), /2000 tokens/],
      ['cost', costly, /Query cost \d+ exceeds the limit of 5000/],
    ];
    for (const [id, query, message] of cases) {
      s.send({ id, type: 'subscribe', payload: { query } });
      const error = await s.next((m) => m.id === id && m.type === 'error');
      expect(error.payload[0].message).toMatch(message);
    }
    s.ws.close();
  });
});

const seatChanged = schema.getSubscriptionType()?.getFields()['seatChanged'];

describe.skipIf(!seatChanged)('subscriptions per connection', () => {
  it(`keeps ${WS_LIMITS.maxSubscriptionsPerConnection} subscriptions of 200 on one socket and refuses the rest with an error message`, async () => {
    const s = await acked();
    for (let i = 0; i < 200; i++) {
      s.send({
        id: `s${i}`,
        type: 'subscribe',
        payload: { query: `subscription { seatChanged(showId: "${show.showId}") { version } }` },
      });
    }
    await s.next((m) => m.id === 's199' && m.type === 'error');
    await new Promise((r) => setTimeout(r, 100));
    const refused = s.messages.filter((m) => m.type === 'error');
    expect(refused).toHaveLength(200 - WS_LIMITS.maxSubscriptionsPerConnection);
    expect(refused[0]!.payload[0].message).toMatch(/Too many operations on this connection/);
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
    // Completing one frees a slot.
    s.send({ id: 's0', type: 'complete' });
    await new Promise((r) => setTimeout(r, 50));
    s.send({
      id: 'again',
      type: 'subscribe',
      payload: { query: `subscription { seatChanged(showId: "${show.showId}") { version } }` },
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(s.messages.filter((m) => m.id === 'again' && m.type === 'error')).toEqual([]);
    s.ws.close();
    await stillServes();
  });
});
