import type { ApolloServerPlugin } from '@apollo/server';
import type { GraphQLContext } from '../../graphql/context.js';
import { fragmentsOf } from '../../graphql/limits/cost.js';
import { rateLimitedError } from './rate-limited-error.js';
import type { RateLimiter } from './rate-limiter.js';
import { rootFieldCalls } from './root-fields.js';

/** Per-operation budgets (holdSeats, confirmBooking, per-show admission), checked before execution. */
export function rateLimitPlugin(limiter: RateLimiter): ApolloServerPlugin<GraphQLContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, operation, request, contextValue }) {
          if (operation?.operation !== 'mutation') return;
          const rejected = await limiter.operation(
            contextValue.viewer,
            rootFieldCalls(operation, fragmentsOf(document), request.variables),
          );
          if (rejected) throw rateLimitedError(rejected, { http: true });
        },
      };
    },
  };
}
