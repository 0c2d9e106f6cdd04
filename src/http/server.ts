import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express from 'express';
import type { GraphQLError } from 'graphql';
import { WebSocketServer } from 'ws';
import type { AppServices } from '../domain/services.js';
import { createContext, type GraphQLContext } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { schema } from '../graphql/schema.js';
import { createSeatFanout } from '../graphql/seat-fanout.js';
import { createShowResponseCache } from '../graphql/show-response-cache.js';
import { createOperationLimits } from '../graphql/limits/operation-limits.js';
import { persistedQueryOptions, type PersistedQueriesConfig } from '../graphql/persisted-queries.js';
import type { Logger } from '../logger.js';
import { trustProxyValue, upgradeClientIp } from './client-ip.js';
import { httpErrorHandler } from './errors.js';
import { graphqlOverHttpStatusPlugin } from './graphql-over-http-plugin.js';
import { graphqlJsonBody, graphqlRequestGuards, resolveViewer } from './graphql-request-guards.js';
import { useGraphqlWs } from './graphql-ws-adapter.js';
import { healthRoutes } from './health.js';
import { stripeWebhookRoutes } from './stripe-webhook.js';
import { rateLimitHandlers } from './rate-limits/rate-limit-middleware.js';
import { rateLimitPlugin } from './rate-limits/rate-limit-plugin.js';
import type { RateLimiter } from './rate-limits/rate-limiter.js';
import { wsAuth, type WsAuthExtra } from './ws-auth.js';
import { WS_LIMITS, wsLimitOptions } from './ws-limits.js';
import { routeUpgrades } from './ws-upgrades.js';

export interface HttpServerOptions {
  services: AppServices;
  logger: Logger;
  port: number;
  host: string;
  isReady: () => Promise<boolean>;
  /** Hides schema details (field suggestions) from clients. */
  production: boolean;
  /** Per-IP, per-user and per-operation budgets; none when absent (RATE_LIMITS=off, tests). */
  rateLimiter?: RateLimiter | undefined;
  /** Automatic persisted queries by default. */
  persistedQueries?: PersistedQueriesConfig | undefined;
  /** Express `trust proxy`, so client IPs come from X-Forwarded-For behind a load balancer. */
  trustProxy?: string | undefined;
  /** Unsent bytes after which a WebSocket subscriber is slow (WS_MAX_BUFFERED_BYTES). */
  wsMaxBufferedBytes?: number | undefined;
  /** How long a `show(id)` response may be reused at most (SHOW_CACHE_MAX_AGE_MS); 0 turns it off. */
  showCacheMaxAgeMs?: number | undefined;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  /** Drains HTTP and WebSocket connections, then resolves. */
  stop: () => Promise<void>;
}

/** Apollo Server (HTTP) and graphql-ws (WebSocket) on one port and one path, `/graphql`. */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  const { services, logger } = opts;
  const formatError = createFormatError(logger);
  const app = express();
  app.disable('x-powered-by');
  if (opts.trustProxy) app.set('trust proxy', trustProxyValue(opts.trustProxy));
  const limits = createOperationLimits({ production: opts.production });
  const persisted = persistedQueryOptions(opts.persistedQueries ?? { mode: 'apq' });
  const httpServer = createServer(app);
  const showCacheMaxAgeMs = opts.showCacheMaxAgeMs ?? 5_000;
  const showCache =
    showCacheMaxAgeMs > 0
      ? createShowResponseCache({ catalog: services.catalog, clock: services.clock, maxAgeMs: showCacheMaxAgeMs })
      : undefined;

  // Upgrades reach it through routeUpgrades, after the per-IP upgrade limits.
  const wsServer = new WebSocketServer({ noServer: true, path: '/graphql', maxPayload: WS_LIMITS.maxPayload });
  // seatChanged is pushed to sockets with one execution per change per process (seat-fanout.ts).
  const fanout = createSeatFanout({ services, formatError, maxBufferedBytes: opts.wsMaxBufferedBytes ?? 1_048_576 });
  const wsClientIp = (request: IncomingMessage) => upgradeClientIp(request, app.get('trust proxy fn'));
  routeUpgrades(httpServer, wsServer, { rateLimiter: opts.rateLimiter, clientIp: wsClientIp, logger });
  const wsLimits = wsLimitOptions({
    schema,
    limits,
    formatError,
    rateLimiter: opts.rateLimiter,
    seats: services.catalog,
    production: opts.production,
    clientIp: wsClientIp,
    allowlist: persisted.allowlist,
  });
  // The token at connection_init, at its expiry (close 4403) and before every operation.
  const wsAuthentication = wsAuth(services.auth);
  const wsCleanup = useGraphqlWs<{ authorization?: unknown }, WsAuthExtra>(
    {
      schema,
      ...wsLimits,
      onConnect: wsAuthentication.onConnect,
      onSubscribe: wsAuthentication.guard(wsLimits.onSubscribe),
      context: (ctx, id) =>
        fanout.bind(
          createContext(services, ctx.extra.viewer ?? null, wsClientIp(ctx.extra.request)),
          ctx.extra.socket,
          id,
        ),
      subscribe: fanout.subscribe,
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e: GraphQLError) => formatError(e.toJSON(), e)) }
          : undefined,
    },
    wsServer,
    { logger: logger.child({ component: 'graphql-ws' }) },
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: opts.production,
    // Partners generate clients from the introspected schema; cost limits apply to it like any query.
    introspection: true,
    // Replaced by graphqlRequestGuards (content-type rule): see graphql-request-guards.ts.
    csrfPrevention: false,
    allowBatchedHttpRequests: false,
    parseOptions: limits.parseOptions,
    validationRules: limits.validationRules,
    persistedQueries: persisted.persistedQueries,
    // The process owner (src/main.ts) runs the ordered shutdown. Apollo's own handler would race it:
    // a second stop() during its drain never resolves (its barrier is only released on error).
    stopOnTerminationSignals: false,
    ...(showCache ? { stringifyResult: showCache.stringifyResult } : {}),
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Per-field cache hints cost half the throughput of a seat map and we set no hints.
      ApolloServerPluginCacheControlDisabled(),
      { serverWillStart: async () => ({ drainServer: async () => wsCleanup.dispose() }) },
      graphqlOverHttpStatusPlugin(),
      ...persisted.plugins,
      ...limits.plugins,
      // A request answered from the show cache still passes every limit, but costs no query cost.
      ...(opts.rateLimiter ? [rateLimitPlugin(opts.rateLimiter, showCache, services.catalog)] : []),
      ...(showCache ? [showCache.plugin] : []),
    ],
  });
  await apollo.start();

  app.use(healthRoutes(opts.isReady));
  // Raw body, before any JSON parser: the signature covers Stripe's exact bytes.
  app.use(stripeWebhookRoutes(services.payments, logger.child({ component: 'stripe-webhook' })));
  app.use(
    '/graphql',
    graphqlRequestGuards(),
    resolveViewer(services.auth),
    ...(opts.rateLimiter ? rateLimitHandlers(opts.rateLimiter) : []),
    graphqlJsonBody(),
    expressMiddleware(apollo, {
      context: async ({ req, res }) => createContext(services, res.locals['viewer'] ?? null, req.ip),
    }),
  );
  app.use(httpErrorHandler(logger));

  await new Promise<void>((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(opts.port, opts.host, () => resolve());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const shownHost = opts.host === '0.0.0.0' || opts.host === '::' ? 'localhost' : opts.host;
  return {
    url: `http://${shownHost}:${port}/graphql`,
    port,
    httpServer,
    stop: () => apollo.stop(),
  };
}
