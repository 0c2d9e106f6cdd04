import { serverAudits } from 'graphql-http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql, send, startApiServer, type ApiServer } from './helpers/api-server.js';

let api: ApiServer;

beforeAll(async () => {
  // Production mode: what partners meet (introspection on, suggestions hidden).
  api = await startApiServer({ production: true });
});
afterAll(() => api?.close());

describe('GraphQL-over-HTTP audits (graphql-http serverAudits)', () => {
  it('passes every audit: 0 errors, 0 warnings, 0 notices', async () => {
    const audits = serverAudits({ url: `${api.base}/graphql` });
    const results = await Promise.all(audits.map((a) => a.fn()));
    const failed = results.filter((r) => r.status !== 'ok');
    console.info(`graphql-http serverAudits: ${results.length - failed.length}/${results.length} ok`);
    expect(failed.map((r) => `${r.status} ${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`)).toEqual([]);
  });
});

describe('CSRF and content negotiation', () => {
  const query = JSON.stringify({ query: '{ __typename }' });
  it.each(['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x'])(
    'refuses a simple POST (%s) with 415 before GraphQL runs',
    async (type) => {
      const res = await send(api.base, { method: 'POST', headers: { 'content-type': type }, body: query });
      expect(res.status).toBe(415);
      expect(res.body.errors?.[0]?.message).toMatch(/application\/json/);
    },
  );

  it('refuses a POST without a content type', async () => {
    const res = await send(api.base, { method: 'POST', body: query });
    expect(res.status).toBe(415);
  });

  it('runs a query over a plain GET, without preflight headers, as nosniff JSON', async () => {
    const res = await send(api.base, { path: `/graphql?query=${encodeURIComponent('{ cities { id } }')}` });
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ data: { cities: expect.any(Array) } });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers a mutation over GET with 405 and Allow: POST', async () => {
    const q = encodeURIComponent('mutation { releaseHold(holdId: "x") { id } }');
    const res = await send(api.base, {
      path: `/graphql?query=${q}`,
      headers: { accept: 'application/json' },
    });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('POST');
  });

  it('answers PUT with 405', async () => {
    const res = await send(api.base, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: query,
    });
    expect(res.status).toBe(405);
  });

  it('uses application/graphql-response+json and 400 for a validation error when the client accepts it', async () => {
    const res = await postGraphql(api.base, { query: '{ nope }' });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/graphql-response\+json/);
    expect(res.body.errors?.[0]?.extensions?.['code']).toBe('BAD_USER_INPUT');
  });

  it('uses 200 for the same error when the client accepts only application/json (legacy clients)', async () => {
    const res = await postGraphql(api.base, { query: '{ nope }' }, { accept: 'application/json' });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    expect(res.body.errors).toHaveLength(1);
  });
});

describe('partner-safe introspection', () => {
  it('serves the full introspection query in production', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const res = await postGraphql(api.base, { query: getIntrospectionQuery() });
    expect(res.status).toBe(200);
    expect(res.body.data?.__schema?.types?.length).toBeGreaterThan(20);
  });

  it('refuses an introspection query nested to amplify its answer', async () => {
    const res = await postGraphql(api.base, {
      query: '{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }',
    });
    expect(res.status).toBe(400);
    expect(res.body.data).toBeUndefined();
  });

  it('charges introspection like any query: five copies of it exceed the cost limit', async () => {
    const { getIntrospectionQuery } = await import('graphql');
    const full = getIntrospectionQuery();
    const selection = full.slice(full.indexOf('__schema'), full.indexOf('fragment FullType'));
    const inner = selection.slice(0, selection.lastIndexOf('}')).trim();
    const copies = [1, 2, 3, 4, 5].map((i) => `s${i}: ${inner}`).join('\n');
    const query = `query { ${copies} }\n${full.slice(full.indexOf('fragment FullType'))}`;
    const res = await postGraphql(api.base, { query });
    expect(res.status).toBe(400);
    expect(res.body.errors?.[0]?.message).toMatch(/Query cost \d+ exceeds the limit of 5000/);
  });

  it('hides field suggestions in production', async () => {
    const res = await postGraphql(api.base, { query: '{ citys { id } }' });
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).not.toMatch(/Did you mean|"cities"/);
  });
});
