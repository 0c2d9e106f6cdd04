import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../../graphql/context.js';
import { fragmentsOf, MAX_COST } from '../../graphql/limits/cost.js';
import { costOfRequest } from '../../graphql/limits/operation-limits.js';
import type { ShowResponseCache } from '../../graphql/show-response-cache.js';
import { rateLimitedError } from './rate-limited-error.js';
import type { RateLimiter } from './rate-limiter.js';
import { mutationFieldCalls } from './root-fields.js';

/**
 * What an answer from the show cache costs, as a share of executing the operation: nothing is
 * executed and the stored body is sent as it is (a 500-seat seat map: 1.1 ms of API CPU against
 * 13.6 ms executed, measured by bench:seatmap).
 */
export const CACHED_ANSWER_SHARE = 0.1;

/**
 * Per-operation budgets, checked before execution: the operation's cost per IP and per user (a
 * tenth of it when the show cache answers), and holdSeats, confirmBooking and the per-show
 * admission for mutations.
 */
export function rateLimitPlugin(
  limiter: RateLimiter,
  cache?: Pick<ShowResponseCache, 'mayAnswer' | 'answersFromCache'>,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const { schema, document, operation, request, contextValue } = rc;
          if (!operation) return;
          const cost = costOfRequest({ schema, document, operation, request });
          if (cost > MAX_COST) return; // refused by the cost limit (400); nothing runs, nothing to charge
          const { clientIp, viewer } = contextValue;
          // The least the operation can cost is charged first, before the cache is asked (a
          // database read): a client out of budget is refused without costing a query.
          const cacheable = cache?.mayAnswer(rc) ? cache : undefined;
          const leastCost = cacheable ? Math.ceil(cost * CACHED_ANSWER_SHARE) : cost;
          let rejected = await limiter.operation(clientIp, viewer, {
            cost: leastCost,
            fields: mutationFieldCalls(operation, fragmentsOf(document), request.variables),
          });
          if (!rejected && cacheable && !(await cacheable.answersFromCache(rc))) {
            rejected = await limiter.operation(clientIp, viewer, { cost: cost - leastCost, fields: [] });
          }
          if (rejected) throw rateLimitedError(rejected, { http: true });
        },
      };
    },
  };
}
