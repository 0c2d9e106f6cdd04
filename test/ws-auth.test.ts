import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import { CREATE_CITY } from './helpers/admin-ops.js';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness } from './helpers/harness.js';
import { seatStates } from './helpers/seats.js';

/**
 * WebSocket authentication after `connection_init`: the socket closes (4403) when its token
 * expires, and every operation sees the user as it is now (role, existence, revoked sessions).
 */
const TTL_SECONDS = 3;
/** Longer than the session cache keeps a user's role and token version (1 s). */
const STALENESS_MS = 1_100;
let short: ApiServer; // tokens live TTL_SECONDS
let normal: ApiServer;
let show: ShowFixture;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  short = await startApiServer({}, await createHarness({ config: { jwtTtlSeconds: TTL_SECONDS } }));
  normal = await startApiServer();
  show = await createShowFixture(short.h.services, { rows: 1, seatsPerRow: 4 });
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await short?.close();
  await short?.h.close();
  await normal?.close();
});

type Message = { id?: string; type: string; payload?: any };
const wait = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A raw graphql-transport-ws socket, acknowledged with the given token. */
async function connect(api: ApiServer, token: string) {
  const ws = new WebSocket(api.wsUrl, 'graphql-transport-ws');
  sockets.push(ws);
  const messages: Message[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as Message));
  ws.on('error', () => {});
  const closed = new Promise<{ code: number; at: number }>((resolve) =>
    ws.on('close', (code) => resolve({ code, at: Date.now() })),
  );
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const until = async (pred: (m: Message) => boolean, ms = 3_000) => {
    for (let t = 0; t < ms && !messages.some(pred); t += 10) await wait(10);
    return messages.find(pred);
  };
  ws.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
  expect(await until((m) => m.type === 'connection_ack')).toBeDefined();
  /** Sends one operation; resolves with its `next` payload, or undefined if none came. */
  const run = async (id: string, query: string, variables?: Record<string, unknown>) => {
    if (ws.readyState === ws.OPEN)
      ws.send(JSON.stringify({ id, type: 'subscribe', payload: { query, variables } }));
    const end = await until(
      (m) => (m.id === id && (m.type === 'complete' || m.type === 'error')) || ws.readyState === ws.CLOSED,
    );
    return end ? messages.find((m) => m.id === id && m.type === 'next')?.payload : undefined;
  };
  return { ws, messages, closed, run };
}

const HOLD = 'mutation ($input: HoldSeatsInput!) { holdSeats(input: $input) { id status } }';
const expiryOf = (token: string) =>
  (JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()) as { exp: number }).exp * 1000;

describe('a token that expires while its socket is open', () => {
  it('closes the socket with 4403 at expiry, and a mutation sent after it never runs', async () => {
    const customer = await short.h.customer();
    const [first, second] = (await seatStates(short.h, show.showId)).map((s) => s.id);
    const s = await connect(short, customer.token);
    const held = await s.run('1', HOLD, { input: { showId: show.showId, seatIds: [first] } });
    expect(held?.data?.holdSeats?.status).toBe('ACTIVE');

    const expiresAt = expiryOf(customer.token);
    await wait(Math.max(0, expiresAt - Date.now()) + 300);
    const after = await s.run('2', HOLD, { input: { showId: show.showId, seatIds: [second] } });
    expect(after?.data?.holdSeats ?? null).toBeNull();

    const closed = await Promise.race([s.closed, wait(2_000).then(() => null)]);
    expect(closed?.code).toBe(4403);
    // On time: not before the token expired, and within a moment of it.
    expect(closed!.at).toBeGreaterThanOrEqual(expiresAt - 50);
    expect(closed!.at).toBeLessThan(expiresAt + 300);
    expect((await seatStates(short.h, show.showId)).find((x) => x.id === second)?.status).toBe('AVAILABLE');
  });
});

describe('every operation sees the user as it is now', () => {
  const city = () => ({ input: { name: `WS City ${randomUUID()}`, country: 'DE' } });

  it('a demoted admin gets FORBIDDEN on its open socket', async () => {
    const admin = await normal.h.admin();
    const { token } = await normal.h.services.auth.login({
      email: admin.email,
      password: 'admin password 123',
    });
    const s = await connect(normal, token);
    expect((await s.run('1', CREATE_CITY, city()))?.data?.createCity?.id).toBeDefined();

    await normal.h.db.db.execute(sql`update users set role = 'CUSTOMER' where id = ${admin.id}`);
    await wait(STALENESS_MS);
    const refused = await s.run('2', CREATE_CITY, city());
    expect(refused?.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
  });

  it('a deleted user: its next operation closes the socket with 4403', async () => {
    const customer = await normal.h.customer();
    const s = await connect(normal, customer.token);
    expect((await s.run('1', '{ me { id } }'))?.data?.me?.id).toBe(customer.id);

    await normal.h.db.db.execute(sql`delete from users where id = ${customer.id}`);
    await wait(STALENESS_MS);
    expect(await s.run('2', '{ me { id } }')).toBeUndefined();
    expect((await s.closed).code).toBe(4403);
  });

  it('revoked sessions: the next operation closes the socket with 4403', async () => {
    const customer = await normal.h.customer();
    const s = await connect(normal, customer.token);
    await normal.h.services.auth.revokeSessions(customer.id);
    expect(await s.run('1', '{ me { id } }')).toBeUndefined();
    expect((await s.closed).code).toBe(4403);
  });
});
