import { createHash } from 'node:crypto';
import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type WebSocket from 'ws';
import { loadManifest } from '../src/graphql/persisted-queries.js';
import { schema } from '../src/graphql/schema.js';
import { postGraphql, send, startApiServer, type ApiServer } from './helpers/api-server.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { openedSocket } from './helpers/raw-socket.js';

const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');
const MANIFEST = 'persisted-operations.json';
const manifest = loadManifest(MANIFEST); // also checks that every id is the sha256 of its body
const [meId, meBody] = [...manifest].find(([, body]) => body.startsWith('query Me'))!;
const apq = (hash: string, query?: string) => ({
  ...(query ? { query } : {}),
  extensions: { persistedQuery: { version: 1, sha256Hash: hash } },
});

let h: Harness;
let open: ApiServer;
let locked: ApiServer;
const sockets: WebSocket[] = [];

beforeAll(async () => {
  h = await createHarness();
  open = await startApiServer({}, h);
  locked = await startApiServer({ persistedQueries: { mode: 'allowlist', manifestPath: MANIFEST } }, h);
});
afterAll(async () => {
  for (const s of sockets) s.terminate();
  await open?.close();
  await locked?.close();
  await h?.close();
});

describe('automatic persisted queries (default)', () => {
  it('asks for the text of an unknown hash, then runs it by hash alone (also over GET)', async () => {
    const query = `{ cities { id } me { id } }`;
    const hash = sha256(query);
    const miss = await postGraphql(open.base, apq(hash));
    expect(miss.body.errors?.[0]?.extensions?.['code']).toBe('PERSISTED_QUERY_NOT_FOUND');
    expect((await postGraphql(open.base, apq(hash, query))).body.data).toEqual({
      cities: expect.any(Array),
      me: null,
    });
    expect((await postGraphql(open.base, apq(hash))).body.data).toEqual({
      cities: expect.any(Array),
      me: null,
    });
    const ext = encodeURIComponent(JSON.stringify(apq(hash).extensions));
    const get = await send(open.base, { path: `/graphql?extensions=${ext}` });
    expect(get.status).toBe(200);
    expect(get.body.data?.me).toBeNull();
  });

  it('over WebSocket, asks for the text of an operation named by hash alone', async () => {
    const s = await openedSocket(open.wsUrl, {}, sockets);
    await s.init();
    const byHash = await s.run('h', { extensions: { persistedQuery: { version: 1, sha256Hash: meId } } });
    expect(byHash).toMatchObject({ type: 'error', payload: [{ extensions: { code: 'PERSISTED_QUERY_NOT_SUPPORTED' } }] });
    expect(await s.run('t', { query: meBody })).toMatchObject({ type: 'next', payload: { data: { me: null } } });
    s.ws.close();
  });

  it('refuses a hash that does not match the text', async () => {
    const res = await postGraphql(open.base, apq(sha256('{ me { id } }'), '{ cities { id } }'));
    expect(res.status).toBe(400);
  });
});

describe('allowlist mode (PERSISTED_QUERIES=allowlist)', () => {
  it('lists only operations valid against the schema, live seat maps among them', () => {
    for (const body of manifest.values()) expect(validate(schema, parse(body))).toEqual([]);
    expect([...manifest.values()].some((body) => body.startsWith('subscription SeatChanged'))).toBe(true);
  });

  it('runs a listed operation by hash, or by its exact text', async () => {
    expect((await postGraphql(locked.base, apq(meId))).body).toEqual({ data: { me: null } });
    expect((await postGraphql(locked.base, { query: meBody })).body).toEqual({ data: { me: null } });
  });

  it('refuses any other operation, and cannot be taught one through APQ', async () => {
    const query = '{ me { id email } }';
    const res = await postGraphql(locked.base, { query });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]).toMatchObject({
      message: 'This server runs only operations from its allowlist',
      extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
    });
    await postGraphql(locked.base, apq(sha256(query), query));
    expect((await postGraphql(locked.base, apq(sha256(query)))).body.errors?.[0]?.extensions?.['code']).toBe(
      'PERSISTED_QUERY_NOT_FOUND',
    );
  });
});

describe('allowlist mode over WebSocket', () => {
  const NOT_IN_LIST = {
    message: 'This server runs only operations from its allowlist',
    extensions: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
  };
  const lockedSocket = async () => {
    const s = await openedSocket(locked.wsUrl, {}, sockets);
    await s.init();
    return s;
  };

  it('refuses any other document, mutations included, before it runs; the socket stays', async () => {
    const s = await lockedSocket();
    const query = await s.run('q', { query: '{ me { id email } }' });
    expect(query).toMatchObject({ type: 'error', payload: [NOT_IN_LIST] });
    const email = `ws-allowlist-${Date.now()}@example.test`;
    const register = `mutation { register(input: { email: "${email}", password: "correct horse", name: "X" }) { token } }`;
    expect(await s.run('m', { query: register })).toMatchObject({ type: 'error', payload: [NOT_IN_LIST] });
    expect(await h.db.sql`select 1 from users where email = ${email}`).toHaveLength(0);
    // Not by a hash that is not listed either.
    const byHash = await s.run('h', { extensions: { persistedQuery: { version: 1, sha256Hash: sha256('{ me { id email } }') } } });
    expect(byHash).toMatchObject({ type: 'error', payload: [NOT_IN_LIST] });
    expect(s.ws.readyState).toBe(s.ws.OPEN);
    s.ws.close();
  });

  it('runs a listed operation by its text, or by its hash alone', async () => {
    const s = await lockedSocket();
    expect(await s.run('text', { query: meBody })).toMatchObject({ type: 'next', payload: { data: { me: null } } });
    const byHash = await s.run('hash', { extensions: { persistedQuery: { version: 1, sha256Hash: meId } } });
    expect(byHash).toMatchObject({ type: 'next', payload: { data: { me: null } } });
    s.ws.close();
  });
});
