/**
 * Domain errors. Each maps to one `ErrorCode` of the public contract in src/graphql/format-error.ts;
 * nothing here knows about GraphQL.
 */
export const ERROR_CODES = [
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'BAD_USER_INPUT',
  'SEATS_UNAVAILABLE',
  'HOLD_LIMIT_REACHED',
  'HOLD_EXPIRED',
  'PAYMENT_DECLINED',
  'PAYMENT_FAILED',
  'IDEMPOTENCY_KEY_REUSED',
  'CANCELLATION_NOT_ALLOWED',
  'RATE_LIMITED',
  'NOT_ON_SALE',
  'PURCHASE_LIMIT_REACHED',
  'INTERNAL_SERVER_ERROR',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

export abstract class AppError extends Error {
  abstract readonly code: ErrorCode;
  constructor(
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class UnauthenticatedError extends AppError {
  readonly code = 'UNAUTHENTICATED';
  constructor(message = 'Sign in first: send a valid bearer token') {
    super(message);
  }
}

export class ForbiddenError extends AppError {
  readonly code = 'FORBIDDEN';
  constructor(message = 'You are not allowed to do this', details: Record<string, unknown> = {}) {
    super(message, details);
  }
}

export class NotFoundError extends AppError {
  readonly code = 'NOT_FOUND';
  constructor(entity: string, id: string) {
    super(`${entity} not found`, { entity, id });
  }
}

/** Bad input: `field` names the argument (dotted path) when there is one. */
export class ValidationError extends AppError {
  readonly code = 'BAD_USER_INPUT';
  constructor(message: string, field?: string, details: Record<string, unknown> = {}) {
    super(message, field ? { field, ...details } : details);
  }
}

export class SeatsUnavailableError extends AppError {
  readonly code = 'SEATS_UNAVAILABLE';
  constructor(unavailableSeatIds: string[], alternatives: string[][] = []) {
    super(`${unavailableSeatIds.length} of the requested seats are not available`, {
      unavailableSeatIds,
      alternatives,
    });
  }
}

export class HoldLimitError extends AppError {
  readonly code = 'HOLD_LIMIT_REACHED';
}

export class HoldExpiredError extends AppError {
  readonly code = 'HOLD_EXPIRED';
}

export class IdempotencyKeyReusedError extends AppError {
  readonly code = 'IDEMPOTENCY_KEY_REUSED';
  constructor() {
    super('This idempotency key was already used with different input');
  }
}

export class CancellationNotAllowedError extends AppError {
  readonly code = 'CANCELLATION_NOT_ALLOWED';
}

export class RateLimitedError extends AppError {
  readonly code = 'RATE_LIMITED';
  constructor(retryAfterSeconds: number) {
    super(`Too many requests; retry in ${retryAfterSeconds} s`, { retryAfterSeconds });
  }
}

/** The card was declined (`extensions.declineCode` says why); the hold stays active for a retry. */
export class PaymentDeclinedError extends AppError {
  readonly code = 'PAYMENT_DECLINED';
}

/** The payment provider failed or is unreachable; nothing was charged, or the charge is refunded. */
export class PaymentFailedError extends AppError {
  readonly code = 'PAYMENT_FAILED';
}

/**
 * The show does not sell now: outside its sales window, cancelled, started or archived.
 * `extensions.reason` says which; `extensions.salesStartAt` when the window opens later.
 */
export class NotOnSaleError extends AppError {
  readonly code = 'NOT_ON_SALE';
}

/**
 * The event's `maxTicketsPerUser` for this show would be exceeded (seats held plus seats in live
 * bookings); `extensions.limit` and `extensions.remaining` say how many more seats are allowed.
 */
export class PurchaseLimitError extends AppError {
  readonly code = 'PURCHASE_LIMIT_REACHED';
  constructor(limit: number, owned: number) {
    const remaining = Math.max(0, limit - owned);
    super(
      `At most ${limit} tickets per buyer for this show; you can hold ${remaining} more`,
      { limit, remaining },
    );
  }
}
