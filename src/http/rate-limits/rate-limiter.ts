import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
  type IRateLimiterOptions,
} from 'rate-limiter-flexible';
import type { Viewer } from '../../domain/auth/tokens.js';
import { MAX_COST } from '../../graphql/limits/cost.js';
import { DEFAULT_BUDGETS, type RateLimitBudgets } from './budgets.js';
import { createPlaces } from './places.js';

/** A refused request: retry after this many whole seconds (at least 1). */
export interface RateLimitRejection {
  retryAfterSeconds: number;
  /** Until the window ends, in milliseconds. */
  msBeforeNext: number;
  /** Which budget ran out, for logs and tests. */
  budget: keyof RateLimitBudgets;
}

/** The rejection of a window that ends in `msBeforeNext`. */
export function rejectionFor(msBeforeNext: number, budget: keyof RateLimitBudgets): RateLimitRejection {
  const ms = Math.max(0, msBeforeNext);
  return { retryAfterSeconds: Math.max(1, Math.ceil(ms / 1000)), msBeforeNext: ms, budget };
}

export interface RateLimiter {
  /** How long a refused HTTP request is held at most before its 429 (until its window ends). */
  holdRefusalsMs: number;
  /** One HTTP request or WebSocket operation: the IP budget, then the user's. */
  request(ip: string, viewer: Viewer | null): Promise<RateLimitRejection | null>;
  /**
   * Whether the IP's or the user's cost budget has run out (in this process's memory, no I/O): a
   * request that waited for its turn is refused then, before it is parsed.
   */
  costSpent(ip: string, viewer: Viewer | null): RateLimitRejection | null;
  /**
   * One GraphQL operation, once it is parsed and validated and before it runs: its cost against
   * the IP's and the user's cost budgets, then its root fields against the stricter budgets of
   * holdSeats, confirmBooking, register and login (each call counts).
   */
  operation(ip: string, viewer: Viewer | null, operation: OperationCall): Promise<RateLimitRejection | null>;
  /**
   * A WebSocket upgrade, before the handshake: the IP's open sockets in this process, then its
   * upgrades per minute. Admitted, it holds one of the IP's places until `release` (call it when
   * the connection closes, however it ends).
   */
  upgrade(ip: string): Promise<{ rejected: RateLimitRejection } | { release: () => void }>;
}

/** What the limiter needs to know of an operation. */
export interface OperationCall {
  /** What it makes the server do: its query cost (`operationCost`), less when the show cache answers it. */
  cost: number;
  /**
   * What the same operation was already charged by an earlier call (the show cache's share, before
   * a miss charges the rest): together they spend at most a window, like one call of the sum.
   */
  paid?: number;
  /** Its root fields: only mutations' are looked at. */
  fields: readonly RootFieldCall[];
}

/** A root field of an operation with the show it touches, when it touches one. */
export interface RootFieldCall {
  name: string;
  /** Normalised as the domain parses it (a lower-case UUID); absent when malformed. */
  showId?: string | undefined;
}

export interface RateLimiterOptions {
  budgets?: Partial<RateLimitBudgets>;
  /** Shared counters across API processes. Without it, counters are per process. */
  redis?: Redis;
  keyPrefix?: string;
  /**
   * Refused requests are answered when the client's window ends, but at most this late (default
   * 10 s). A client retrying in a closed loop then sends a few requests a connection per window
   * instead of hundreds; each costs the server a parse and a write other users wait for, while a
   * held socket costs memory only.
   */
  holdRefusalsMs?: number;
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
      // Blocked in memory until the window ends.
      inMemoryBlockOnConsumed: points,
      insuranceLimiter: new RateLimiterMemory(base),
    });
  };
  type Window = readonly [RateLimiterAbstract, keyof RateLimitBudgets];
  const ip: Window[] = [
    [make('ip-s', budgets.ipPerSecond, 1), 'ipPerSecond'],
    [make('ip-m', budgets.ipPerMinute, 60), 'ipPerMinute'],
  ];
  const user: Window[] = [
    [make('user-s', budgets.userPerSecond, 1), 'userPerSecond'],
    [make('user-m', budgets.userPerMinute, 60), 'userPerMinute'],
  ];
  // Cost is paced: a twelfth of the minute per 5 s, so even a client that saved up its minute
  // cannot make the server execute it in one burst. An operation dearer than the short window
  // spends all of it; the minute still counts its whole cost (at least the cost limit fits).
  const costWindows = (name: string, perMinute: number, budget: keyof RateLimitBudgets): Window[] => [
    [make(`${name}-5s`, Math.max(1, Math.round(perMinute / 12)), 5), budget],
    [make(`${name}-m`, Math.max(MAX_COST, perMinute), 60), budget],
  ];
  const ipCost = costWindows('ip-cost', budgets.ipCostPerMinute, 'ipCostPerMinute');
  const userCost = costWindows('user-cost', budgets.userCostPerMinute, 'userCostPerMinute');
  const holds = make('hold', budgets.holdSeatsPerMinute, 60);
  const confirms = make('confirm', budgets.confirmBookingPerMinute, 60);
  const show = make('show', budgets.showHoldSeatsPerSecond, 1);
  const registrations = make('register', budgets.ipRegistrationsPerHour, 3_600);
  const logins = make('login', budgets.ipLoginsPerMinute, 60);
  const upgrades = make('ws-upgrade', budgets.ipWsUpgradesPerMinute, 60);
  const openSockets = createPlaces(budgets.ipOpenWebSockets);

  const consume = async (
    limiter: RateLimiterAbstract,
    key: string,
    budget: keyof RateLimitBudgets,
    points = 1,
  ): Promise<RateLimitRejection | null> => {
    try {
      await limiter.consume(key, points);
      return null;
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) throw err;
      return rejectionFor(err.msBeforeNext, budget);
    }
  };
  /** Every window of a budget, shortest first; the first that refuses answers. */
  const consumeAll = async (windows: Window[], key: string, points = 1, paid = 0) => {
    for (const [limiter, budget] of windows) {
      const rest = Math.min(points, limiter.points - Math.min(paid, limiter.points));
      if (rest <= 0) continue; // the first part of a dear operation spent this window
      const rejected = await consume(limiter, key, budget, rest);
      if (rejected) return rejected;
    }
    return null;
  };

  // Clients whose cost budget ran out, until their window ends: their next requests are refused
  // before the body is read (and held back like any refusal) instead of being parsed and costed
  // again, so a flood of dear queries costs about what a flood of refused requests does.
  // Per process: the authoritative check is still the operation's.
  const spentCost = new Map<string, { until: number; budget: keyof RateLimitBudgets }>();
  const spent = (key: string): RateLimitRejection | null => {
    const entry = spentCost.get(key);
    if (!entry) return null;
    const msBeforeNext = entry.until - Date.now();
    if (msBeforeNext <= 0) {
      spentCost.delete(key);
      return null;
    }
    return rejectionFor(msBeforeNext, entry.budget);
  };
  const markSpent = (key: string, rejection: RateLimitRejection) => {
    if (spentCost.size >= 10_000) for (const k of spentCost.keys()) spent(k); // drop ended windows
    // Only a shortcut: when many clients are over budget at once, the rest take the long way.
    if (spentCost.size >= 10_000) return;
    spentCost.set(key, { until: Date.now() + rejection.msBeforeNext, budget: rejection.budget });
  };

  const costSpent = (clientIp: string, viewer: Viewer | null): RateLimitRejection | null => {
    if (viewer?.role === 'ADMIN') return null;
    return spent(`ip:${clientIp}`) ?? (viewer ? spent(`user:${viewer.id}`) : null);
  };

  return {
    holdRefusalsMs: opts.holdRefusalsMs ?? 10_000,
    costSpent,
    async request(clientIp, viewer) {
      if (viewer?.role === 'ADMIN') return null;
      const spentAlready = costSpent(clientIp, viewer);
      if (spentAlready) return spentAlready;
      return (await consumeAll(ip, clientIp)) ?? (viewer ? await consumeAll(user, viewer.id) : null);
    },
    async operation(clientIp, viewer, { cost, fields, paid = 0 }) {
      if (viewer?.role === 'ADMIN') return null;
      if (cost > 0) {
        const byIp = await consumeAll(ipCost, clientIp, cost, paid);
        if (byIp) {
          markSpent(`ip:${clientIp}`, byIp);
          return byIp;
        }
        if (viewer) {
          const byUser = await consumeAll(userCost, viewer.id, cost, paid);
          if (byUser) {
            markSpent(`user:${viewer.id}`, byUser);
            return byUser;
          }
        }
      }
      // Each call of a field counts (aliases, fragments); the calls of one budget and key are
      // charged at once, in one round trip.
      type Charge = { limiter: RateLimiterAbstract; key: string; budget: keyof RateLimitBudgets; points: number };
      const charges = new Map<string, Charge>();
      const charge = (limiter: RateLimiterAbstract, key: string, budget: keyof RateLimitBudgets) => {
        const entry = charges.get(`${budget}\u0000${key}`);
        if (entry) entry.points++;
        else charges.set(`${budget}\u0000${key}`, { limiter, key, budget, points: 1 });
      };
      for (const field of fields) {
        // Anonymous holdSeats and confirmBooking are refused by their resolvers (UNAUTHENTICATED)
        // and already paid per IP: they spend neither a user's budget nor a show's.
        if (field.name === 'holdSeats' && viewer) {
          charge(holds, viewer.id, 'holdSeatsPerMinute');
          if (field.showId) charge(show, field.showId, 'showHoldSeatsPerSecond');
        } else if (field.name === 'confirmBooking' && viewer) {
          charge(confirms, viewer.id, 'confirmBookingPerMinute');
        } else if (field.name === 'register') {
          charge(registrations, clientIp, 'ipRegistrationsPerHour');
        } else if (field.name === 'login') {
          charge(logins, clientIp, 'ipLoginsPerMinute');
        }
      }
      // In the order first charged: a user's own budget before the show's shared one.
      for (const { limiter, key, budget, points } of charges.values()) {
        const rejected = await consume(limiter, key, budget, points);
        if (rejected) return rejected;
      }
      return null;
    },
    async upgrade(clientIp) {
      // Open sockets first, from memory: an IP at its cap spends no upgrade budget and no Redis trip.
      const release = openSockets.take(clientIp);
      if (!release) return { rejected: rejectionFor(1_000, 'ipOpenWebSockets') };
      const rejected = await consume(upgrades, clientIp, 'ipWsUpgradesPerMinute').catch((err: unknown) => {
        release();
        throw err;
      });
      if (!rejected) return { release };
      release();
      return { rejected };
    },
  };
}
