import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
  type IRateLimiterOptions,
} from 'rate-limiter-flexible';
import type { Viewer } from '../../domain/auth/tokens.js';
import { DEFAULT_BUDGETS, type RateLimitBudgets } from './budgets.js';

/** A refused request: retry after this many whole seconds (at least 1). */
export interface RateLimitRejection {
  retryAfterSeconds: number;
  /** Until the window ends, in milliseconds. */
  msBeforeNext: number;
  /** Which budget ran out, for logs and tests. */
  budget: keyof RateLimitBudgets;
}

export interface RateLimiter {
  /** One HTTP request or WebSocket connection/operation: the IP budget, then the user's. */
  request(ip: string, viewer: Viewer | null): Promise<RateLimitRejection | null>;
  /** One GraphQL operation's root fields: the stricter budgets of holdSeats and confirmBooking. */
  operation(viewer: Viewer | null, fields: readonly RootFieldCall[]): Promise<RateLimitRejection | null>;
}

/** A root field of an operation with the show it touches, when it touches one. */
export interface RootFieldCall {
  name: string;
  showId?: string | undefined;
}

export interface RateLimiterOptions {
  budgets?: Partial<RateLimitBudgets>;
  /** Shared counters across API processes. Without it, counters are per process. */
  redis?: Redis;
  keyPrefix?: string;
}

/**
 * Budgets in Redis when there is one (shared by every API process), in memory otherwise. A Redis
 * outage falls back to in-memory counters (`insuranceLimiter`) rather than failing requests, and a
 * key that has used up its budget is refused from memory (`inMemoryBlockOnConsumed`) without a
 * Redis round trip, so an abuser's flood costs Redis nothing.
 */
export function createRateLimiter(opts: RateLimiterOptions = {}): RateLimiter {
  const budgets = { ...DEFAULT_BUDGETS, ...opts.budgets };
  const prefix = opts.keyPrefix ?? 'boxoffice:rl';
  const make = (name: string, points: number, duration: number): RateLimiterAbstract => {
    const base: IRateLimiterOptions = { keyPrefix: `${prefix}:${name}`, points, duration };
    if (!opts.redis) return new RateLimiterMemory(base);
    return new RateLimiterRedis({
      ...base,
      storeClient: opts.redis,
      inMemoryBlockOnConsumed: points,
      inMemoryBlockDuration: duration,
      insuranceLimiter: new RateLimiterMemory(base),
    });
  };
  // Request budgets are enforced per second (a sixtieth of the minute's): a flood cannot spend a
  // minute of seat maps in its first second, which is what would slow everyone else down.
  const perSecond = (perMinute: number) => Math.max(1, Math.round(perMinute / 60));
  const ip = make('ip', perSecond(budgets.ipPerMinute), 1);
  const user = make('user', perSecond(budgets.userPerMinute), 1);
  const holds = make('hold', budgets.holdSeatsPerMinute, 60);
  const confirms = make('confirm', budgets.confirmBookingPerMinute, 60);
  const show = make('show', budgets.showHoldSeatsPerSecond, 1);

  const consume = async (
    limiter: RateLimiterAbstract,
    key: string,
    budget: keyof RateLimitBudgets,
  ): Promise<RateLimitRejection | null> => {
    try {
      await limiter.consume(key);
      return null;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      const msBeforeNext = Math.max(0, err.msBeforeNext);
      return { retryAfterSeconds: Math.max(1, Math.ceil(msBeforeNext / 1000)), msBeforeNext, budget };
    }
  };

  return {
    async request(clientIp, viewer) {
      if (viewer?.role === 'ADMIN') return null;
      return (
        (await consume(ip, clientIp, 'ipPerMinute')) ??
        (viewer ? await consume(user, viewer.id, 'userPerMinute') : null)
      );
    },
    async operation(viewer, fields) {
      if (viewer?.role === 'ADMIN') return null;
      for (const field of fields) {
        // Anonymous callers are refused by the resolver (UNAUTHENTICATED) and already paid per IP.
        if (field.name === 'holdSeats') {
          const rejected =
            (viewer ? await consume(holds, viewer.id, 'holdSeatsPerMinute') : null) ??
            (field.showId ? await consume(show, field.showId, 'showHoldSeatsPerSecond') : null);
          if (rejected) return rejected;
        } else if (field.name === 'confirmBooking' && viewer) {
          const rejected = await consume(confirms, viewer.id, 'confirmBookingPerMinute');
          if (rejected) return rejected;
        }
      }
      return null;
    },
  };
}
