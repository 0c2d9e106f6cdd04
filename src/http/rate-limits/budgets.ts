/**
 * Rate-limit budgets. Every budget is a number of requests in a fixed window that starts with a
 * key's first request; over it, the request is refused with RATE_LIMITED and the seconds until the
 * window ends. Admins are exempt from all of them.
 */
export interface RateLimitBudgets {
  /** HTTP requests and WebSocket operations per client IP, per minute (enforced per second: 1/60 of it). */
  ipPerMinute: number;
  /** Requests per signed-in user, per minute, whatever their IP (enforced per second: 1/60 of it). */
  userPerMinute: number;
  /** `holdSeats` per user, per minute: holds are what scalpers' bots spam. */
  holdSeatsPerMinute: number;
  /** `confirmBooking` per user, per minute: each one may charge a card. */
  confirmBookingPerMinute: number;
  /**
   * `holdSeats` per show, per second, all users together: the admission budget of a hot on-sale.
   * Past it buyers are told to retry in a second instead of queueing on the show's seat rows.
   */
  showHoldSeatsPerSecond: number;
}

export const DEFAULT_BUDGETS: RateLimitBudgets = {
  ipPerMinute: 1_200,
  userPerMinute: 600,
  holdSeatsPerMinute: 10,
  confirmBookingPerMinute: 5,
  showHoldSeatsPerSecond: 1_000,
};
