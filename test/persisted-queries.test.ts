import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadManifest } from '../src/graphql/persisted-queries.js';
import { postGraphql, send, startApiServer, type ApiServer } from './helpers/api-server.js';
import { createHarness, type Harness } from './helpers/harness.js';

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

beforeAll(async () => {
  h = await createHarness();
  open = await startApiServer({}, h);
  locked = await startApiServer({ persistedQueries: { mode: 'allowlist', manifestPath: MANIFEST } }, h);
});
afterAll(async () => {
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

  it('refuses a hash that does not match the text', async () => {
    const res = await postGraphql(open.base, apq(sha256('{ me { id } }'), '{ cities { id } }'));
    expect(res.status).toBe(400);
  });
});

describe('allowlist mode (PERSISTED_QUERIES=allowlist)', () => {
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
