import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { startApiServer, type ApiServer } from '../helpers/api-server.js';
import { createShowFixture, type ShowFixture } from '../helpers/fixtures.js';

/**
 * graphql-ws close codes not covered by test/ws-limits.test.ts (4408, 4401, 4400, 4429, 1009 and
 * the operation limit are there), over a raw socket.
 */
let api: ApiServer;
let show: ShowFixture;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  api = await startApiServer();
  show = await createShowFixture(api.h.services, { rows: 1, seatsPerRow: 3 });
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  api?.h.services.live.close();
  await api?.close();
});

type Message = { id?: string; type: string; payload?: any };

async function open(protocol: string | null = 'graphql-transport-ws') {
  const ws = protocol ? new WebSocket(api.wsUrl, protocol) : new WebSocket(api.wsUrl);
  sockets.push(ws);
  const messages: Message[] = [];
  ws.on('message', (d) => messages.push(JSON.parse(String(d)) as Message));
  ws.on('error', () => {});
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  const send = (m: unknown) => ws.send(JSON.stringify(m));
  const until = async (pred: (m: Message) => boolean) => {
    for (let i = 0; i < 200 && !messages.some(pred); i++) await new Promise((r) => setTimeout(r, 10));
    return messages.find(pred);
  };
  return { ws, messages, closed, send, until };
}

async function acked() {
  const s = await open();
  s.send({ type: 'connection_init' });
  await s.until((m) => m.type === 'connection_ack');
  return s;
}

const subscribe = (id: string) => ({
  id,
  type: 'subscribe',
  payload: { query: `subscription { seatChanged(showId: "${show.showId}") { version } }` },
});

describe('graphql-ws protocol', () => {
  it('closes with 4406 when the client does not speak graphql-transport-ws', async () => {
    const s = await open(null); // no subprotocol at all (a plain WebSocket client)
    expect(await s.closed).toBe(4406);
  });

  it('closes with 4403 when connection_init carries a bad token', async () => {
    const s = await open();
    s.send({ type: 'connection_init', payload: { authorization: 'Bearer nope' } });
    expect(await s.closed).toBe(4403);
  });

  it('closes with 4409 when a subscription id is used twice', async () => {
    const s = await acked();
    s.send(subscribe('dup'));
    s.send(subscribe('dup'));
    expect(await s.closed).toBe(4409);
  });

  it.each(['next', 'error', 'connection_ack'])('closes with 4400 when the client sends a server message (%s)', async (type) => {
    const s = await acked();
    s.send({ id: 'x', type, payload: type === 'error' ? [{ message: 'x' }] : {} });
    expect(await s.closed).toBe(4400);
  });

  it('answers ping with pong and keeps serving', async () => {
    const s = await acked();
    s.send({ type: 'ping', payload: { at: 1 } });
    expect(await s.until((m) => m.type === 'pong')).toEqual({ type: 'pong', payload: { at: 1 } });
    s.send(subscribe('live'));
    s.send({ id: 'live', type: 'complete' });
    s.send({ id: 'q', type: 'subscribe', payload: { query: `{ show(id: "${show.showId}") { id } }` } });
    expect(await s.until((m) => m.id === 'q' && m.type === 'next')).toMatchObject({ payload: { data: { show: { id: show.showId } } } });
    expect(s.ws.readyState).toBe(WebSocket.OPEN);
  });
});
