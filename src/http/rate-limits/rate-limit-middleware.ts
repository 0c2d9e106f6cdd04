import type { RequestHandler } from 'express';
import type { Viewer } from '../../domain/auth/tokens.js';
import { rateLimitMessage } from './rate-limited-error.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * Per-IP and per-user budgets, checked before the body is read or parsed: refusing a flood must
 * cost as little as possible, or the abuser slows everyone else down. Expects `res.locals.viewer`.
 */
export function rateLimitMiddleware(limiter: RateLimiter): RequestHandler {
  return (req, res, next) => {
    const viewer = (res.locals['viewer'] ?? null) as Viewer | null;
    limiter.request(req.ip ?? 'unknown', viewer).then((rejected) => {
      if (!rejected) return next();
      res
        .status(429)
        .set('retry-after', String(rejected.retryAfterSeconds))
        .json({
          errors: [
            {
              message: rateLimitMessage(rejected),
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: rejected.retryAfterSeconds },
            },
          ],
        });
    }, next);
  };
}
