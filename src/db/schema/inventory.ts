import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { bookings } from './bookings.js';
import { seats, shows } from './catalog.js';
import { holds } from './holds.js';

export const seatStatusEnum = pgEnum('seat_status', ['AVAILABLE', 'HELD', 'BOOKED', 'BLOCKED']);

/**
 * One row per seat per show: the single source of truth for seat state. The hold and booking
 * pointers live on the row itself, so "a seat belongs to at most one active hold and at most one
 * live booking" holds by construction; the checks keep status and pointers consistent.
 */
export const showSeats = pgTable(
  'show_seats',
  {
    id: uuid().primaryKey().defaultRandom(),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    seatId: uuid()
      .notNull()
      .references(() => seats.id),
    /** Copied from the seat so a seat map and a hold's price quote need no join. */
    section: text().notNull(),
    status: seatStatusEnum().notNull(),
    holdId: uuid().references((): AnyPgColumn => holds.id),
    /** Copied from the hold: an expired hold's seats count as free before the worker runs. */
    holdExpiresAt: timestamp({ withTimezone: true }),
    bookingId: uuid().references((): AnyPgColumn => bookings.id),
  },
  (t) => [
    unique('show_seats_show_seat_unique').on(t.showId, t.seatId),
    index('show_seats_hold_idx')
      .on(t.holdId)
      .where(sql`${t.holdId} IS NOT NULL`),
    index('show_seats_booking_idx')
      .on(t.bookingId)
      .where(sql`${t.bookingId} IS NOT NULL`),
    check(
      'show_seats_held_check',
      sql`(${t.status} = 'HELD') = (${t.holdId} IS NOT NULL AND ${t.holdExpiresAt} IS NOT NULL)`,
    ),
    check('show_seats_booked_check', sql`(${t.status} = 'BOOKED') = (${t.bookingId} IS NOT NULL)`),
  ],
);

/**
 * The per-show seat-state version: the last version the sequencer gave to a committed change of
 * the show. Only the sequencer updates it (seat transactions never touch a per-show row, which
 * would serialise every hold of a show on one row lock).
 */
export const showSeatVersions = pgTable(
  'show_seat_versions',
  {
    showId: uuid()
      .primaryKey()
      .references(() => shows.id),
    version: integer().notNull().default(0),
  },
  (t) => [check('show_seat_versions_version_check', sql`${t.version} >= 0`)],
);

export interface SeatChangeEntry {
  /** ShowSeat id. */
  id: string;
  status: 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';
}

/**
 * The per-show seat-change log and outbox: one row per committed seat transaction, written in that
 * transaction. `id` orders changes as they were written; the sequencer then gives each committed
 * row of a show the next gap-free `version` (a change touching a seat always commits after, and
 * so is numbered after, every earlier change of that seat). The relay publishes rows in version
 * order and stamps `publishedAt`; replay for reconnecting subscribers reads it by (show, version).
 */
export const seatChanges = pgTable(
  'seat_changes',
  {
    id: bigserial({ mode: 'number' }).primaryKey(),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    /** Null until sequenced. */
    version: integer(),
    /** What caused it: HOLD, RELEASE, EXPIRE, CANCEL, BOOK, ... */
    cause: text().notNull(),
    seats: jsonb().$type<SeatChangeEntry[]>().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    publishedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    unique('seat_changes_show_version_unique').on(t.showId, t.version),
    index('seat_changes_unsequenced_idx').on(t.showId, t.id).where(sql`${t.version} IS NULL`),
    index('seat_changes_unpublished_idx').on(t.showId, t.version).where(sql`${t.publishedAt} IS NULL`),
    index('seat_changes_created_at_idx').on(t.createdAt),
    check('seat_changes_version_check', sql`${t.version} IS NULL OR ${t.version} > 0`),
  ],
);

export type ShowSeatRow = typeof showSeats.$inferSelect;
export type SeatChangeRow = typeof seatChanges.$inferSelect;
