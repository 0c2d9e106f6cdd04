/**
 * Rate-limit budgets. Every budget is a number of requests (or, for the cost budgets, of cost
 * points) in a fixed window that starts with a key's first request; over it, the request is
 * refused with RATE_LIMITED and the seconds until the window ends. Admins are exempt from all
 * but the WebSocket upgrade budgets (an upgrade carries no token).
 *
 * Fairness is what they are for: one event loop serves everyone, so what one client may make it
 * do in a burst (the short windows) and over time (the minute) is what it can take from others.
 * A budget per minute alone would let a flood spend the minute in its first second; a budget per
 * second alone would let it keep a tenth of the server for itself all day.
 */
export interface RateLimitBudgets {
  /** HTTP requests and WebSocket operations per client IP, per second: the burst a page load needs. */
  ipPerSecond: number;
  /** The same per minute: what one IP may keep asking for. */
  ipPerMinute: number;
  /** Requests per signed-in user, per second, whatever their IP. */
  userPerSecond: number;
  /** Requests per signed-in user, per minute, whatever their IP. */
  userPerMinute: number;
  /**
   * Query cost (`src/graphql/limits/cost.ts`) of what a client IP makes the server do, per minute.
   * Requests are not equal: an executed 500-seat seat map costs about 1,000 and takes
   * milliseconds of the event loop, a page of shows about 120; an answer from the show cache costs
   * a tenth of its query cost (its stored body is still sent). Also paced per 5 seconds, at a
   * twelfth of the minute: an operation dearer than that spends the 5 seconds, so executed seat
   * maps come one at a time, never in a burst.
   */
  ipCostPerMinute: number;
  /** The same per signed-in user, whatever their IP. */
  userCostPerMinute: number;
  /** `holdSeats` per user, per minute: holds are what scalpers' bots spam. */
  holdSeatsPerMinute: number;
  /** `confirmBooking` per user, per minute: each one may charge a card. */
  confirmBookingPerMinute: number;
  /**
   * `holdSeats` per show, per second, all users together: the admission budget of a hot on-sale.
   * Past it buyers are told to retry in a second instead of queueing on the show's seat rows.
   */
  showHoldSeatsPerSecond: number;
  /**
   * `register` calls per client IP, per hour, every alias counted: accounts are free, so every
   * per-user budget is only as strong as the cost of another account.
   */
  ipRegistrationsPerHour: number;
  /** `login` calls per client IP, per minute, every alias counted: what one IP may guess. */
  ipLoginsPerMinute: number;
  /**
   * WebSocket upgrades per client IP, per minute, refused before the handshake. Admins too: an
   * upgrade carries no token.
   */
  ipWsUpgradesPerMinute: number;
  /** WebSocket connections one client IP may hold open at once, per API process (a count, not a window). */
  ipOpenWebSockets: number;
}

export const DEFAULT_BUDGETS: RateLimitBudgets = {
  ipPerSecond: 10,
  ipPerMinute: 120,
  userPerSecond: 10,
  userPerMinute: 120,
  ipCostPerMinute: 24_000,
  userCostPerMinute: 24_000,
  holdSeatsPerMinute: 10,
  confirmBookingPerMinute: 5,
  showHoldSeatsPerSecond: 1_000,
  ipRegistrationsPerHour: 10,
  ipLoginsPerMinute: 10,
  ipWsUpgradesPerMinute: 60,
  ipOpenWebSockets: 50,
};
