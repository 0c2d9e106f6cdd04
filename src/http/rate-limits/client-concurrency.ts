import type { Request, RequestHandler, Response } from 'express';
import type { Viewer } from '../../domain/auth/tokens.js';
import { sendRateLimited } from './rate-limited-error.js';
import { rejectionFor } from './rate-limiter.js';

export interface ClientConcurrencyOptions {
  /** Requests of one IP worked on at once. */
  perClient: number;
  /** Requests of one IP waiting for a turn; past that they are refused (RATE_LIMITED, retry in 1 s). */
  queued: number;
  /**
   * Asked when a request that waited gets its turn: false if it was answered instead (its client
   * ran out of budget while it waited), and the turn passes on.
   */
  onTurn?: (req: Request, res: Response) => boolean;
}

export const DEFAULT_CLIENT_CONCURRENCY: ClientConcurrencyOptions = { perClient: 2, queued: 16 };

interface Client {
  active: number;
  waiting: (() => void)[];
}

/**
 * One client's HTTP requests are worked on a few at a time; the rest wait their turn in a short
 * queue, in order. The budgets cap how much a client may ask for; this caps how much of it
 * reaches the event loop at once. A burst of admitted requests from one IP then takes turns with
 * everyone else's instead of landing together, so each delays other users by at most its own
 * work, not by the whole burst's. Admins are exempt. Expects `res.locals.viewer`.
 */
export function clientConcurrency(
  opts: ClientConcurrencyOptions = DEFAULT_CLIENT_CONCURRENCY,
): RequestHandler {
  const clients = new Map<string, Client>();

  const release = (ip: string, client: Client) => {
    const next = client.waiting.shift();
    if (next) return next(); // the turn passes on; `active` stays
    client.active--;
    if (client.active === 0) clients.delete(ip);
  };

  return (req, res, next) => {
    const viewer = (res.locals['viewer'] ?? null) as Viewer | null;
    if (viewer?.role === 'ADMIN') return next();
    const ip = req.ip ?? 'unknown';
    const client = clients.get(ip) ?? clients.set(ip, { active: 0, waiting: [] }).get(ip)!;
    const start = () => {
      // 'close' fires once the response is sent or the connection is gone, whichever comes first.
      res.once('close', () => release(ip, client));
      next();
    };
    if (client.active < opts.perClient) {
      client.active++;
      return start();
    }
    if (client.waiting.length >= opts.queued) return sendRateLimited(res, rejectionFor(1_000, 'ipPerSecond'));
    const turn = () => {
      // A client that gave up while waiting hands its turn on at once.
      if (req.socket.destroyed || res.writableEnded) return release(ip, client);
      if (opts.onTurn && !opts.onTurn(req, res)) return release(ip, client);
      start();
    };
    client.waiting.push(turn);
  };
}
