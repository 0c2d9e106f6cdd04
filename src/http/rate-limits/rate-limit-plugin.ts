import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../../graphql/context.js';
import { chargedCost, type SeatCounts } from '../../graphql/limits/charged-cost.js';
import { fragmentsOf } from '../../graphql/limits/cost.js';
import { operationLimitError, shapeOfRequest } from '../../graphql/limits/operation-limits.js';
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
 * Per-operation budgets, checked before execution: the operation's cost per IP and per user, with
 * its seat map at the show's real size (`chargedCost`; a tenth of it when the show cache answers),
 * and holdSeats, confirmBooking and the per-show admission for mutations.
 */
export function rateLimitPlugin(
  limiter: RateLimiter,
  cache?: Pick<ShowResponseCache, 'mayAnswer' | 'answersFromCache'>,
  seats?: SeatCounts,
): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation(rc) {
          const { schema, document, operation, request, contextValue } = rc;
          if (!operation) return;
          const shape = shapeOfRequest({ schema, document, operation, request });
          if (operationLimitError(shape)) return; // refused by the limits (400): nothing runs, nothing to charge
          const cost = await chargedCost(shape, seats);
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
            const rest = { cost: cost - leastCost, paid: leastCost, fields: [] };
            rejected = await limiter.operation(clientIp, viewer, rest);
          }
          if (rejected) throw rateLimitedError(rejected, { http: true });
        },
      };
    },
  };
}
