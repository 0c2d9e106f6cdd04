import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { bookings } from './bookings.js';
import { holds } from './holds.js';
import { users } from './users.js';

/**
 * PENDING: written before Stripe is called; until Stripe answers (or reconciliation finds out)
 * nobody knows whether money moved. REQUIRES_ACTION: the buyer must authenticate (3-D Secure).
 * FAILED and CANCELED moved no money; SUCCEEDED did.
 */
export const paymentStatusEnum = pgEnum('payment_status', [
  'PENDING',
  'REQUIRES_ACTION',
  'SUCCEEDED',
  'FAILED',
  'CANCELED',
]);

/**
 * One row per attempt to pay for a hold, each its own PaymentIntent. The Stripe idempotency key
 * is derived from (hold, attempt), so re-sending an attempt can never create a second
 * PaymentIntent; at most one attempt per hold is open at a time (index below).
 */
export const payments = pgTable(
  'payments',
  {
    id: uuid().primaryKey().defaultRandom(),
    holdId: uuid()
      .notNull()
      .references(() => holds.id),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    attempt: smallint().notNull(),
    amount: integer().notNull(),
    currency: text().notNull(),
    paymentMethod: text().notNull(),
    status: paymentStatusEnum().notNull().default('PENDING'),
    stripePaymentIntentId: text(),
    /** Only while REQUIRES_ACTION: lets the buyer's browser finish authentication. */
    clientSecret: text(),
    failureCode: text(),
    declineCode: text(),
    failureMessage: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    updatedAt: timestamp({ withTimezone: true }).notNull(),
    /** Reconciliation lease: not looked at again before this time. */
    nextCheckAt: timestamp({ withTimezone: true }).notNull(),
  },
  (t) => [
    uniqueIndex('payments_hold_attempt_unique').on(t.holdId, t.attempt),
    uniqueIndex('payments_stripe_pi_unique').on(t.stripePaymentIntentId),
    // A new attempt is refused while another one of the same hold may still take money.
    uniqueIndex('payments_one_open_per_hold')
      .on(t.holdId)
      .where(sql`${t.status} in ('PENDING', 'REQUIRES_ACTION')`),
    index('payments_open_check_idx')
      .on(t.nextCheckAt)
      .where(sql`${t.status} in ('PENDING', 'REQUIRES_ACTION')`),
    check('payments_amount_check', sql`${t.amount} >= 0`),
    check('payments_attempt_check', sql`${t.attempt} > 0`),
  ],
);

export const refundStatusEnum = pgEnum('refund_status', ['PENDING', 'SUCCEEDED', 'FAILED']);

/**
 * A refund owed to a buyer, written in the transaction that decides it (outbox): the worker (or
 * the request, right after commit) sends it to Stripe with the key `refund:<id>`. At most one
 * per payment: a payment is refunded once, in part (cancellation tier) or in full.
 */
export const refunds = pgTable(
  'refunds',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human reference given to the buyer, e.g. `RF-7KQ2-M9`. */
    reference: text().notNull(),
    paymentId: uuid()
      .notNull()
      .references(() => payments.id),
    bookingId: uuid().references((): AnyPgColumn => bookings.id),
    amount: integer().notNull(),
    currency: text().notNull(),
    /** HOLD_EXPIRED, BOOKING_CANCELLED, SHOW_CANCELLED, DUPLICATE_PAYMENT. */
    reason: text().notNull(),
    status: refundStatusEnum().notNull().default('PENDING'),
    stripeRefundId: text(),
    attempts: smallint().notNull().default(0),
    nextAttemptAt: timestamp({ withTimezone: true }).notNull(),
    lastError: text(),
    createdAt: timestamp({ withTimezone: true }).notNull(),
    completedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('refunds_reference_unique').on(t.reference),
    uniqueIndex('refunds_payment_unique').on(t.paymentId),
    uniqueIndex('refunds_stripe_refund_unique').on(t.stripeRefundId),
    index('refunds_pending_idx')
      .on(t.nextAttemptAt)
      .where(sql`${t.status} = 'PENDING'`),
    check('refunds_amount_check', sql`${t.amount} > 0`),
  ],
);

/**
 * Stripe webhook inbox: every verified event, keyed by Stripe's event id so a redelivery is a
 * no-op. The worker processes each exactly once (processedAt is set in the same transaction as
 * the event's effect).
 */
export const stripeEvents = pgTable(
  'stripe_events',
  {
    id: text().primaryKey(),
    type: text().notNull(),
    payload: jsonb().notNull(),
    receivedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    processedAt: timestamp({ withTimezone: true }),
    attempts: smallint().notNull().default(0),
    lastError: text(),
  },
  (t) => [
    index('stripe_events_unprocessed_idx')
      .on(t.receivedAt)
      .where(sql`${t.processedAt} IS NULL`),
  ],
);

export type PaymentRow = typeof payments.$inferSelect;
export type RefundRow = typeof refunds.$inferSelect;
export type StripeEventRow = typeof stripeEvents.$inferSelect;
