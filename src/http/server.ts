import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApolloServer } from '@apollo/server';
import { expressMiddleware } from '@as-integrations/express5';
import { ApolloServerPluginCacheControlDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import express from 'express';
import type { GraphQLError } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import type { AppServices } from '../domain/services.js';
import { createContext, type GraphQLContext } from '../graphql/context.js';
import { createFormatError } from '../graphql/format-error.js';
import { schema } from '../graphql/schema.js';
import type { Logger } from '../logger.js';
import { httpErrorHandler } from './errors.js';
import { healthRoutes } from './health.js';

export interface HttpServerOptions {
  services: AppServices;
  logger: Logger;
  port: number;
  host: string;
  isReady: () => Promise<boolean>;
  /** Hides schema details (field suggestions) from clients. */
  production: boolean;
}

export interface RunningServer {
  url: string;
  port: number;
  httpServer: Server;
  /** Drains HTTP and WebSocket connections, then resolves. */
  stop: () => Promise<void>;
}

const MAX_BODY = '64kb';

/** Apollo Server (HTTP) and graphql-ws (WebSocket) on one port and one path, `/graphql`. */
export async function startHttpServer(opts: HttpServerOptions): Promise<RunningServer> {
  const { services, logger } = opts;
  const formatError = createFormatError(logger);
  const app = express();
  app.disable('x-powered-by');
  const httpServer = createServer(app);

  const wsServer = new WebSocketServer({ server: httpServer, path: '/graphql', maxPayload: 64 * 1024 });
  const wsCleanup = useServer<{ authorization?: unknown }, { viewer: GraphQLContext['viewer'] }>(
    {
      schema,
      // Authenticate once per connection; anonymous clients may watch seat maps.
      onConnect: async (ctx) => {
        const authorization = ctx.connectionParams?.authorization;
        const viewer = await services.auth.authenticate(authorization);
        if (authorization !== undefined && !viewer) return false; // 4403: a bad token is not anonymous
        ctx.extra.viewer = viewer;
        return true;
      },
      context: (ctx) => createContext(services, ctx.extra.viewer ?? null),
      onNext: (_ctx, _id, _payload, _args, result) =>
        result.errors
          ? { ...result, errors: result.errors.map((e: GraphQLError) => formatError(e.toJSON(), e)) }
          : undefined,
    },
    wsServer,
  );

  const apollo = new ApolloServer<GraphQLContext>({
    schema,
    formatError,
    includeStacktraceInErrorResponses: false,
    hideSchemaDetailsFromClientErrors: opts.production,
    // The process owner (src/main.ts) runs the ordered shutdown. Apollo's own handler would race it:
    // a second stop() during its drain never resolves (its barrier is only released on error).
    stopOnTerminationSignals: false,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // Per-field cache hints cost half the throughput of a seat map and we set no hints.
      ApolloServerPluginCacheControlDisabled(),
      { serverWillStart: async () => ({ drainServer: async () => wsCleanup.dispose() }) },
    ],
  });
  await apollo.start();

  app.use(healthRoutes(opts.isReady));
  app.use(
    '/graphql',
    express.json({ limit: MAX_BODY }),
    expressMiddleware(apollo, {
      context: async ({ req }) => createContext(services, await services.auth.authenticate(req.headers.authorization)),
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
