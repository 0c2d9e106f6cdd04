import type { IncomingMessage } from 'node:http';
import {
  GraphQLError,
  getOperationAST,
  parse,
  specifiedRules,
  validate,
  type DocumentNode,
  type ExecutionArgs,
  type GraphQLSchema,
} from 'graphql';
import type { Context } from 'graphql-ws';
import type { Extra } from 'graphql-ws/use/ws';
import type { Viewer } from '../domain/auth/tokens.js';
import { chargedCost, type SeatCounts } from '../graphql/limits/charged-cost.js';
import { fragmentsOf, operationShape } from '../graphql/limits/cost.js';
import { operationLimitError, type OperationLimits } from '../graphql/limits/operation-limits.js';
import { webSocketQuery, type OperationAllowlist } from '../graphql/persisted-queries.js';
import type { FormatError } from '../graphql/format-error.js';
import { rateLimitedError } from './rate-limits/rate-limited-error.js';
import type { RateLimiter } from './rate-limits/rate-limiter.js';
import { mutationFieldCalls } from './rate-limits/root-fields.js';

/**
 * WebSocket limits. The close codes are graphql-ws's own: a frame over `maxPayload` closes with
 * 1009 (ws), no `connection_init` within 3 s with 4408, a subscribe before the ack with 4401, an
 * invalid message with 4400, a second `connection_init` with 4429.
 */
export const WS_LIMITS = {
  /** Bytes per frame: the same budget as an HTTP body. */
  maxPayload: 64 * 1024,
  connectionInitWaitTimeout: 3_000,
  /** Operations running at once on one socket; more get an error message, the socket stays. */
  maxSubscriptionsPerConnection: 20,
} as const;

/** What a connection carries between graphql-ws callbacks (`ctx.extra`, besides socket and request). */
export interface WsExtra {
  viewer?: Viewer | null;
}

export interface WsLimitDeps {
  schema: GraphQLSchema;
  limits: OperationLimits;
  formatError: FormatError;
  rateLimiter?: RateLimiter | undefined;
  /** Seat map sizes, so the rate limits charge a seat map at its real size. */
  seats?: SeatCounts | undefined;
  /** Hide field suggestions ("Did you mean ...?"), as Apollo does for HTTP in production. */
  production: boolean;
  /** The client IP of an upgrade request (honours `trust proxy` like Express does). */
  clientIp: (request: IncomingMessage) => string;
  /** With PERSISTED_QUERIES=allowlist: only its operations run, checked as on HTTP. */
  allowlist?: OperationAllowlist | undefined;
}

type WsContext = Context<Record<string, unknown> | undefined, WsExtra & Extra>;

/**
 * graphql-ws options that give WebSocket operations the same limits as HTTP ones: the persisted
 * query allowlist, tokens at parse, graphql-armor's rules, cost, rate limits, and error formatting
 * (no field suggestions in production). Without this graphql-ws validates with graphql-js defaults only, and a query with a
 * syntax error closes the socket with 4500 instead of answering with an error.
 */
export function wsLimitOptions(deps: WsLimitDeps) {
  const rules = [...specifiedRules, ...deps.limits.validationRules];
  // Apollo tags parse and validation errors with these codes; graphql-js alone leaves them bare,
  // and formatError would mask a bare error as INTERNAL_SERVER_ERROR.
  const toErrors = (
    errors: readonly GraphQLError[],
    code?: 'GRAPHQL_PARSE_FAILED' | 'GRAPHQL_VALIDATION_FAILED',
  ) =>
    errors.map((e) => {
      const tagged =
        code && !e.extensions['code']
          ? new GraphQLError(e.message, { nodes: e.nodes ?? null, extensions: { ...e.extensions, code } })
          : e;
      const f = deps.formatError(tagged.toJSON(), tagged);
      const message = deps.production ? f.message.replace(/ ?Did you mean .*$/s, '') : f.message;
      // `http` is the status Apollo answers with on HTTP; it means nothing in a WebSocket message.
      const { http: _http, ...extensions } = f.extensions ?? {};
      return new GraphQLError(message, { extensions });
    });
  return {
    connectionInitWaitTimeout: WS_LIMITS.connectionInitWaitTimeout,
    onSubscribe: async (
      ctx: WsContext,
      _id: string,
      payload: {
        query: string;
        operationName?: string | null;
        variables?: Record<string, unknown> | null;
        extensions?: Record<string, unknown> | null;
      },
    ): Promise<ExecutionArgs | GraphQLError[]> => {
      if (Object.keys(ctx.subscriptions).length > WS_LIMITS.maxSubscriptionsPerConnection) {
        return toErrors([
          new GraphQLError(
            `Too many operations on this connection (at most ${WS_LIMITS.maxSubscriptionsPerConnection} at once); complete some or open another connection`,
            { extensions: { code: 'BAD_USER_INPUT' } },
          ),
        ]);
      }
      const viewer = ctx.extra.viewer ?? null;
      const clientIp = deps.clientIp(ctx.extra.request);
      if (deps.rateLimiter) {
        const rejected = await deps.rateLimiter.request(clientIp, viewer);
        if (rejected) return toErrors([rateLimitedError(rejected, { http: false })]);
      }
      let query: string;
      try {
        query = webSocketQuery(payload, deps.allowlist);
      } catch (err) {
        return toErrors([err instanceof GraphQLError ? err : new GraphQLError('Invalid query')]);
      }
      let document: DocumentNode;
      try {
        document = parse(query, deps.limits.parseOptions);
      } catch (err) {
        return toErrors(
          [err instanceof GraphQLError ? err : new GraphQLError('Invalid query')],
          'GRAPHQL_PARSE_FAILED',
        );
      }
      const invalid = validate(deps.schema, document, rules);
      if (invalid.length > 0) return toErrors(invalid, 'GRAPHQL_VALIDATION_FAILED');
      const operation = getOperationAST(document, payload.operationName);
      if (!operation)
        return toErrors([new GraphQLError('Unable to identify operation')], 'GRAPHQL_VALIDATION_FAILED');
      const variables = payload.variables ?? undefined;
      const fragments = fragmentsOf(document);
      const shape = operationShape(deps.schema, operation, fragments, variables);
      const overLimit = operationLimitError(shape);
      if (overLimit) return toErrors([overLimit]);
      if (deps.rateLimiter) {
        // A subscription pays its cost once, when it starts: its events are executed once per
        // process for all subscribers (seat-fanout.ts), not once per socket.
        const rejected = await deps.rateLimiter.operation(clientIp, viewer, {
          cost: await chargedCost(shape, deps.seats),
          fields: mutationFieldCalls(operation, fragments, variables),
        });
        if (rejected) return toErrors([rateLimitedError(rejected, { http: false })]);
      }
      const args: ExecutionArgs = {
        schema: deps.schema,
        document,
        operationName: payload.operationName ?? null,
        variableValues: variables ?? null,
      };
      return args;
    },
  };
}
