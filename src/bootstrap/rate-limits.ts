import { Redis } from 'ioredis';
import type { Env } from '../config/env.js';
import type { RateLimitBudgets } from '../http/rate-limits/budgets.js';
import { createRateLimiter, type RateLimiter } from '../http/rate-limits/rate-limiter.js';
import type { Logger } from '../logger.js';
import type { Lifecycle } from './lifecycle.js';

/** The rate limiter the environment asks for: none with RATE_LIMITS=off, Redis-backed with REDIS_URL. */
export function rateLimiterFromEnv(env: Env, logger: Logger, lifecycle: Lifecycle): RateLimiter | undefined {
  if (env.RATE_LIMITS === 'off') {
    logger.warn('RATE_LIMITS=off: no rate limits (every other limit stays)');
    return undefined;
  }
  // Typed in full: a budget added to budgets.ts without a variable here does not compile.
  const budgets: RateLimitBudgets = {
    ipPerSecond: env.RATE_LIMIT_IP_PER_SECOND,
    ipPerMinute: env.RATE_LIMIT_IP_PER_MINUTE,
    userPerSecond: env.RATE_LIMIT_USER_PER_SECOND,
    userPerMinute: env.RATE_LIMIT_USER_PER_MINUTE,
    ipCostPerMinute: env.RATE_LIMIT_IP_COST_PER_MINUTE,
    userCostPerMinute: env.RATE_LIMIT_USER_COST_PER_MINUTE,
    holdSeatsPerMinute: env.RATE_LIMIT_HOLDS_PER_MINUTE,
    confirmBookingPerMinute: env.RATE_LIMIT_CONFIRMS_PER_MINUTE,
    showHoldSeatsPerSecond: env.RATE_LIMIT_SHOW_HOLDS_PER_SECOND,
    ipRegistrationsPerHour: env.RATE_LIMIT_IP_REGISTRATIONS_PER_HOUR,
    ipLoginsPerMinute: env.RATE_LIMIT_IP_LOGINS_PER_MINUTE,
    ipWsUpgradesPerMinute: env.RATE_LIMIT_IP_WS_UPGRADES_PER_MINUTE,
    ipOpenWebSockets: env.RATE_LIMIT_IP_OPEN_WEBSOCKETS,
  };
  if (!env.REDIS_URL) return createRateLimiter({ budgets });
  const redis = rateLimitRedis(env.REDIS_URL);
  redis.on('error', (err) => logger.warn({ err }, 'rate-limit Redis error (in-memory limits meanwhile)'));
  lifecycle.onShutdown('rate-limit Redis', async () => {
    await redis.quit().catch(() => redis.disconnect());
  });
  return createRateLimiter({ budgets, redis });
}

/**
 * The rate limiter's Redis connection. No offline queue: while Redis is down a limit check fails
 * at once and the in-memory insurance limiter answers, instead of requests waiting on a reconnect.
 * Auto-pipelining sends the checks of one event-loop turn in one write: a burst of requests costs
 * one syscall, not one each.
 */
export function rateLimitRedis(url: string): Redis {
  return new Redis(url, { enableOfflineQueue: false, maxRetriesPerRequest: 1, enableAutoPipelining: true });
}
