import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { shows } from './catalog.js';
import { showSeats } from './inventory.js';
import { users } from './users.js';

export const holdStatusEnum = pgEnum('hold_status', ['ACTIVE', 'RELEASED', 'EXPIRED', 'CONVERTED']);

export const holds = pgTable(
  'holds',
  {
    id: uuid().primaryKey().defaultRandom(),
    userId: uuid()
      .notNull()
      .references(() => users.id),
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    status: holdStatusEnum().notNull().default('ACTIVE'),
    expiresAt: timestamp({ withTimezone: true }).notNull(),
    /** Price quote: the sum of the seats' section prices at hold time. */
    totalAmount: integer().notNull(),
    currency: text().notNull(),
    extensions: smallint().notNull().default(0),
    /**
     * The client IP the hold was placed from, for the per-IP cap on seats held per show (null
     * when the cap was off: RATE_LIMITS=off, admins, in-process callers).
     */
    clientIp: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    endedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    // One active hold per user per show: a new hold on the same show replaces the previous one.
    uniqueIndex('holds_one_active_per_user_show').on(t.userId, t.showId).where(sql`${t.status} = 'ACTIVE'`),
    index('holds_active_expires_idx').on(t.expiresAt).where(sql`${t.status} = 'ACTIVE'`),
    index('holds_user_status_idx').on(t.userId, t.status),
    index('holds_active_show_ip_idx')
      .on(t.showId, t.clientIp)
      .where(sql`${t.status} = 'ACTIVE' AND ${t.clientIp} IS NOT NULL`),
    check('holds_total_check', sql`${t.totalAmount} >= 0`),
    check('holds_ended_check', sql`(${t.status} = 'ACTIVE') = (${t.endedAt} IS NULL)`),
  ],
);

/** The seats of a hold with their quoted price. `active` mirrors the hold, for the unique index. */
export const holdSeats = pgTable(
  'hold_seats',
  {
    holdId: uuid()
      .notNull()
      .references(() => holds.id),
    showSeatId: uuid()
      .notNull()
      .references(() => showSeats.id),
    priceAmount: integer().notNull(),
    active: boolean().notNull().default(true),
  },
  (t) => [
    primaryKey({ columns: [t.holdId, t.showSeatId] }),
    // A seat of a show belongs to at most one active hold.
    uniqueIndex('hold_seats_one_active_per_seat').on(t.showSeatId).where(sql`${t.active}`),
    check('hold_seats_price_check', sql`${t.priceAmount} >= 0`),
  ],
);

export type HoldRow = typeof holds.$inferSelect;
export type HoldSeatRow = typeof holdSeats.$inferSelect;
