import type { Response } from 'express';
import { GraphQLError } from 'graphql';
import type { RateLimitRejection } from './rate-limiter.js';

const rateLimitMessage = (r: RateLimitRejection) =>
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

/** The GraphQL-shaped body of a refusal that Apollo never sees (HTTP before parsing, WebSocket upgrades). */
export function rateLimitedBody(r: RateLimitRejection) {
  return {
    errors: [
      { message: rateLimitMessage(r), extensions: { code: 'RATE_LIMITED', retryAfterSeconds: r.retryAfterSeconds } },
    ],
  };
}

/** A refusal before Apollo sees the request: 429, `Retry-After` and the same GraphQL-shaped body. */
export function sendRateLimited(res: Response, r: RateLimitRejection): void {
  res.status(429).set('retry-after', String(r.retryAfterSeconds)).json(rateLimitedBody(r));
}
