import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
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
  },
  (t) => [
    uniqueIndex('bookings_reference_unique').on(t.reference),
    // A hold becomes at most one booking.
    uniqueIndex('bookings_hold_unique').on(t.holdId),
    index('bookings_user_created_idx').on(t.userId, t.createdAt, t.id),
    index('bookings_show_idx').on(t.showId),
    check('bookings_total_check', sql`${t.totalAmount} >= 0`),
    check('bookings_confirmed_check', sql`(${t.status} = 'PENDING_PAYMENT') = (${t.confirmedAt} IS NULL)`),
  ],
);

/** The seats of a booking. `live` is false once the booking is cancelled, for the unique index. */
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

export type BookingRow = typeof bookings.$inferSelect;
export type BookingSeatRow = typeof bookingSeats.$inferSelect;
