import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { shows } from './catalog.js';
import { holds } from './holds.js';
import { showSeats } from './inventory.js';
import { payments } from './payments.js';
import { users } from './users.js';

export const bookingStatusEnum = pgEnum('booking_status', ['PENDING_PAYMENT', 'CONFIRMED', 'CANCELLED']);

export const bookings = pgTable(
  'bookings',
  {
    id: uuid().primaryKey().defaultRandom(),
    /** Human reference printed on tickets, e.g. `BX-7KQ2-M9`. */
    reference: text().notNull(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    holdId: uuid()
      .notNull()
      .references(() => holds.id),
    status: bookingStatusEnum().notNull(),
    totalAmount: integer().notNull(),
    currency: text().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    confirmedAt: timestamp({ withTimezone: true }),
    cancelledAt: timestamp({ withTimezone: true }),
    /** The succeeded payment that confirmed this booking (kept after a cancellation). */
    paymentId: uuid().references((): AnyPgColumn => payments.id),
    /** Set once, when the ticket is scanned at the door. */
    checkedInAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    uniqueIndex('bookings_reference_unique').on(t.reference),
    // A hold becomes at most one booking.
    uniqueIndex('bookings_hold_unique').on(t.holdId),
    index('bookings_user_created_idx').on(t.userId, t.createdAt, t.id),
    index('bookings_show_idx').on(t.showId),
    // A payment confirms at most one booking.
    uniqueIndex('bookings_payment_unique').on(t.paymentId),
    check('bookings_total_check', sql`${t.totalAmount} >= 0`),
    // Confirmed only with a payment; a booking can also be cancelled before it was ever confirmed
    // (its 3-D Secure payment failed and the hold ran out).
    check(
      'bookings_status_check',
      sql`(${t.status} = 'PENDING_PAYMENT' and ${t.confirmedAt} is null and ${t.cancelledAt} is null)
       or (${t.status} = 'CONFIRMED' and ${t.confirmedAt} is not null and ${t.paymentId} is not null and ${t.cancelledAt} is null)
       or (${t.status} = 'CANCELLED' and ${t.cancelledAt} is not null)`,
    ),
  ],
);

/**
 * The seats of a booking. `live` is true while the booking is CONFIRMED (false while it waits for
 * its payment and once it is cancelled), for the unique index.
 */
export const bookingSeats = pgTable(
  'booking_seats',
  {
    bookingId: uuid()
      .notNull()
      .references(() => bookings.id),
    showSeatId: uuid()
      .notNull()
      .references(() => showSeats.id),
    priceAmount: integer().notNull(),
    live: boolean().notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.bookingId, t.showSeatId] }),
    // A seat of a show belongs to at most one live booking.
    uniqueIndex('booking_seats_one_live_per_seat').on(t.showSeatId).where(sql`${t.live}`),
    check('booking_seats_price_check', sql`${t.priceAmount} >= 0`),
  ],
);

export interface RefundTier {
  /** Applies when the show starts at least this many hours after the cancellation. */
  hoursBefore: number;
  refundPercent: number;
}

/** A show's cancellation tiers; shows without a row use the default policy. */
export const showCancellationPolicies = pgTable('show_cancellation_policies', {
  showId: uuid()
    .primaryKey()
    .references(() => shows.id),
  tiers: jsonb().$type<RefundTier[]>().notNull(),
  updatedAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
});

export type BookingRow = typeof bookings.$inferSelect;
export type BookingSeatRow = typeof bookingSeats.$inferSelect;
