import { committedMigrationCount, migrationsApplied } from '../../src/db/migrate.js';
import { startHttpServer, type HttpServerOptions, type RunningServer } from '../../src/http/server.js';
import { createLogger } from '../../src/logger.js';
import { createHarness, type Harness } from './harness.js';

export interface ApiServer {
  h: Harness;
  server: RunningServer;
  /** `http://127.0.0.1:<port>` */
  base: string;
  /** `ws://127.0.0.1:<port>/graphql` */
  wsUrl: string;
  close(): Promise<void>;
}

/**
 * The real HTTP/WebSocket server on a fresh database. No rate limits unless a limiter is passed,
 * so tests that fire many requests are not throttled.
 */
export async function startApiServer(
  opts: Partial<
    Pick<
      HttpServerOptions,
      'production' | 'rateLimiter' | 'persistedQueries' | 'trustProxy' | 'showCacheMaxAgeMs'
    >
  > = {},
  harness?: Harness,
): Promise<ApiServer> {
  const h = harness ?? (await createHarness());
  const server = await startHttpServer({
    services: h.services,
    logger: createLogger(process.env['TEST_LOG_LEVEL'] ?? 'silent'),
    port: 0,
    host: '127.0.0.1',
    production: false,
    isReady: () => migrationsApplied(h.db.sql, committedMigrationCount()),
    ...opts,
  });
  return {
    h,
    server,
    base: `http://127.0.0.1:${server.port}`,
    wsUrl: `ws://127.0.0.1:${server.port}/graphql`,
    async close() {
      await server.stop();
      if (!harness) await h.close();
    },
  };
}

export interface HttpAnswer {
  status: number;
  headers: Headers;
  body: { data?: any; errors?: { message: string; extensions?: Record<string, any> }[] } & Record<
    string,
    any
  >;
  ms: number;
}

/** One request to `/graphql`, timed; the body is parsed as JSON when it can be. */
export async function send(base: string, init: RequestInit & { path?: string } = {}): Promise<HttpAnswer> {
  const started = performance.now();
  const res = await fetch(`${base}${init.path ?? '/graphql'}`, init);
  const text = await res.text();
  const ms = performance.now() - started;
  let body: HttpAnswer['body'];
  try {
    body = JSON.parse(text) as HttpAnswer['body'];
  } catch {
    body = { raw: text };
  }
  return { status: res.status, headers: res.headers, body, ms };
}

/** POST a GraphQL request as JSON. */
export const postGraphql = (base: string, payload: unknown, headers: Record<string, string> = {}) =>
  send(base, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: typeof payload === 'string' ? payload : JSON.stringify(payload),
  });
