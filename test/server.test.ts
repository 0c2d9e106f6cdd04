import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { startApiServer, type ApiServer } from './helpers/api-server.js';
import type { Harness } from './helpers/harness.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

let api: ApiServer;
let h: Harness;
let base: string;
let wsUrl: string;
const clients: Client[] = [];

beforeAll(async () => {
  api = await startApiServer();
  ({ h, base, wsUrl } = api);
});

afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await api?.close();
});

const postJson = (body: string, headers: Record<string, string> = {}) =>
  fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });

/** Runs one operation over graphql-ws; rejects with the close event when the server closes. */
function wsExecute(query: string, connectionParams?: Record<string, unknown>) {
  const client = createClient({
    url: wsUrl,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    ...(connectionParams ? { connectionParams } : {}),
  });
  clients.push(client);
  return new Promise<{ data?: unknown; errors?: unknown }>((resolve, reject) => {
    let result: { data?: unknown; errors?: unknown } = {};
    client.subscribe(
      { query },
      { next: (r) => (result = r), error: reject, complete: () => resolve(result) },
    );
  });
}

describe('health', () => {
  it('GET /healthz answers 200 while the process is up', async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('GET /readyz answers 200 when the database is migrated', async () => {
    const res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready' });
  });

  it('GET /readyz asks the database at most once a second, however many ask at once', async () => {
    const checks = () => h.statements.filter((s) => s.includes('__drizzle_migrations')).length;
    await new Promise((r) => setTimeout(r, 1_100)); // the answer above is no longer reused
    h.resetStatements();
    const answers = await Promise.all(Array.from({ length: 50 }, () => fetch(`${base}/readyz`)));
    expect(answers.map((a) => a.status)).toEqual(Array.from({ length: 50 }, () => 200));
    expect(checks()).toBe(1);
    await new Promise((r) => setTimeout(r, 1_100));
    expect((await fetch(`${base}/readyz`)).status).toBe(200);
    expect(checks()).toBe(2);
  });
});

describe('GraphQL over HTTP', () => {
  it('serves a query on POST /graphql', async () => {
    const city = await h.services.admin.createCity(SYSTEM_ACTOR, {
      name: `Server City ${Date.now()}`,
      country: 'PT',
      timezone: 'Europe/Lisbon',
    });
    const res = await postJson(JSON.stringify({ query: '{ cities { id name country } }' }));
    expect(res.status).toBe(200);
    const body = (await res.json()) as { data: { cities: { id: string }[] } };
    expect(body.data.cities).toContainEqual({ id: city.id, name: city.name, country: 'PT' });
  });

  it('answers malformed JSON with a GraphQL-shaped 400, not an HTML page', async () => {
    const res = await postJson('{"query": "{ cities { id } }"');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = await res.text();
    expect(body).not.toMatch(/<html|<pre|at .*\.js/i);
    expect(JSON.parse(body)).toEqual({
      errors: [{ message: 'Request body is not valid JSON', extensions: { code: 'BAD_USER_INPUT' } }],
    });
  });

  it('resolves the viewer from the bearer token', async () => {
    const customer = await h.customer();
    const res = await postJson(JSON.stringify({ query: '{ me { id email } }' }), {
      authorization: `Bearer ${customer.token}`,
    });
    expect(await res.json()).toEqual({ data: { me: { id: customer.id, email: customer.email } } });
  });
});

describe('GraphQL over WebSocket (graphql-ws)', () => {
  it('runs a query for an anonymous connection', async () => {
    await expect(wsExecute('{ me { id } }')).resolves.toEqual({ data: { me: null } });
  });

  it('authenticates from the connection_init payload', async () => {
    const customer = await h.customer();
    const result = await wsExecute('{ me { id email } }', { authorization: `Bearer ${customer.token}` });
    expect(result).toEqual({ data: { me: { id: customer.id, email: customer.email } } });
  });

  it('closes the connection with 4403 for a bad token', async () => {
    const closed = await wsExecute('{ me { id } }', { authorization: 'Bearer not-a-token' }).then(
      () => undefined,
      (event: unknown) => event as { code?: number },
    );
    expect(closed?.code).toBe(4403);
  });

  it('maps resolver errors to the contract codes, as on HTTP', async () => {
    const result = await wsExecute('{ show(id: "not-an-id") { id } }');
    expect(result.errors).toEqual([
      expect.objectContaining({ extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }) }),
    ]);
  });
});
