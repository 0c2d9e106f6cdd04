import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../../graphql/context.js';
import { fragmentsOf, MAX_COST } from '../../graphql/limits/cost.js';
import { costOfRequest } from '../../graphql/limits/operation-limits.js';
import type { ShowResponseCache } from '../../graphql/show-response-cache.js';
import { rateLimitedError } from './rate-limited-error.js';
import type { RateLimiter } from './rate-limiter.js';
import { rootFieldCalls } from './root-fields.js';

/**
 * What an answer from the show cache costs, as a share of executing the operation: nothing is
 * executed, but the same response is still serialized and sent (a 500-seat seat map: about 2 ms
 * against 11 ms executed, measured by bench:abuse's capacity phases).
 */
export const CACHED_ANSWER_SHARE = 0.2;

/**
 * Per-operation budgets, checked before execution: the operation's cost per IP and per user (a
 * fifth of it when the show cache answers), and holdSeats, confirmBooking and the per-show
 * admission for mutations.
 */
export function rateLimitPlugin(
  limiter: RateLimiter,
  cache?: Pick<ShowResponseCache, 'answersFromCache'>,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const { schema, document, operation, request, contextValue } = rc;
          if (!operation) return;
          const cost = costOfRequest({ schema, document, operation, request });
          if (cost > MAX_COST) return; // refused by the cost limit (400); nothing runs, nothing to charge
          const cached = cache ? await cache.answersFromCache(rc) : false;
          const rejected = await limiter.operation(contextValue.clientIp, contextValue.viewer, {
            cost: cached ? Math.ceil(cost * CACHED_ANSWER_SHARE) : cost,
            fields:
              operation.operation === 'mutation'
                ? rootFieldCalls(operation, fragmentsOf(document), request.variables)
                : [],
          });
          if (rejected) throw rateLimitedError(rejected, { http: true });
        },
      };
    },
  };
}
