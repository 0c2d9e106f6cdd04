import type { Request, RequestHandler, Response } from 'express';
import type { Viewer } from '../../domain/auth/tokens.js';
import { clientConcurrency, DEFAULT_CLIENT_CONCURRENCY } from './client-concurrency.js';
import { sendRateLimited } from './rate-limited-error.js';
import type { RateLimiter, RateLimitRejection } from './rate-limiter.js';

const viewerOf = (res: Response) => (res.locals['viewer'] ?? null) as Viewer | null;

/**
 * The HTTP side of the rate limits, before the body is read or parsed: refusing a flood must cost
 * as little as possible, or the abuser slows everyone else down. Expects `res.locals.viewer`.
 *
 * 1. Per-IP and per-user request budgets (and a cost budget already spent: refused from memory).
 * 2. The per-IP turn-taking of `clientConcurrency`. A request that waited for its turn is checked
 *    again then: once one request of a burst has spent its client's cost budget, the rest of the
 *    burst is refused without being parsed, validated and costed one by one.
 *
 * The 429 is sent after the client's window ends (at most `limiter.holdRefusalsMs`, plus up to
 * `jitterMs`): a client that retries in a closed loop then waits instead of spinning through
 * thousands of refusals a second, each of which costs the server CPU that other users are waiting
 * for. A waiting socket costs memory only.
 */
export function rateLimitHandlers(limiter: RateLimiter, { jitterMs = 1_000 } = {}): RequestHandler[] {
  const refuseLater = (req: Request, res: Response, rejected: RateLimitRejection) => {
    const refuse = () => {
      if (res.writableEnded || req.socket.destroyed) return;
      sendRateLimited(res, rejected);
    };
    // Spread over the next second: refusals released together at the window's end would send
    // the whole burst back at once, and the requests it may run would queue up others.
    const delay = Math.min(limiter.holdRefusalsMs, rejected.msBeforeNext) + Math.random() * jitterMs;
    if (delay > 0) setTimeout(refuse, delay);
    else refuse();
  };

  const budgets: RequestHandler = (req, res, next) => {
    limiter.request(req.ip ?? 'unknown', viewerOf(res)).then((rejected) => {
      if (rejected) refuseLater(req, res, rejected);
      else next();
    }, next);
  };
  const turns = clientConcurrency({
    ...DEFAULT_CLIENT_CONCURRENCY,
    onTurn: (req, res) => {
      const rejected = limiter.costSpent(req.ip ?? 'unknown', viewerOf(res));
      if (rejected) refuseLater(req, res, rejected);
      return !rejected;
    },
  });
  return [budgets, turns];
}
