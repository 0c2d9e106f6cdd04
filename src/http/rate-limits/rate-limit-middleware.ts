import type { RequestHandler } from 'express';
import type { Viewer } from '../../domain/auth/tokens.js';
import { sendRateLimited } from './rate-limited-error.js';
import type { RateLimiter } from './rate-limiter.js';

/**
 * Per-IP and per-user budgets, checked before the body is read or parsed: refusing a flood must
 * cost as little as possible, or the abuser slows everyone else down. Expects `res.locals.viewer`.
 *
 * The 429 is sent after the client's window ends (at most `limiter.holdRefusalsMs`, plus up to
 * `jitterMs`): a client that retries in a closed loop then waits instead of spinning through
 * thousands of refusals a second, each of which costs the server CPU that other users are waiting
 * for. A waiting socket costs memory only.
 */
export function rateLimitMiddleware(limiter: RateLimiter, { jitterMs = 1_000 } = {}): RequestHandler {
  const maxDelayMs = limiter.holdRefusalsMs;
  return (req, res, next) => {
    const viewer = (res.locals['viewer'] ?? null) as Viewer | null;
    limiter.request(req.ip ?? 'unknown', viewer).then((rejected) => {
      if (!rejected) return next();
      const refuse = () => {
        if (res.writableEnded || req.socket.destroyed) return;
        sendRateLimited(res, rejected);
      };
      // Spread over the next second: refusals released together at the window's end would send
      // the whole burst back at once, and the requests it may run would queue up others.
      const delay = Math.min(maxDelayMs, rejected.msBeforeNext) + Math.random() * jitterMs;
      if (delay > 0) setTimeout(refuse, delay);
      else refuse();
    }, next);
  };
}
