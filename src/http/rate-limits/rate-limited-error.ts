import { GraphQLError } from 'graphql';
import type { RateLimitRejection } from './rate-limiter.js';

export const rateLimitMessage = (r: RateLimitRejection) =>
  `Too many requests; retry in ${r.retryAfterSeconds} s`;

/** RATE_LIMITED with `retryAfterSeconds`; over HTTP also status 429 and a `Retry-After` header. */
export function rateLimitedError(r: RateLimitRejection, { http }: { http: boolean }): GraphQLError {
  return new GraphQLError(rateLimitMessage(r), {
    extensions: {
      code: 'RATE_LIMITED',
      retryAfterSeconds: r.retryAfterSeconds,
      ...(http
        ? { http: { status: 429, headers: new Map([['retry-after', String(r.retryAfterSeconds)]]) } }
        : {}),
    },
  });
}
