import { sql } from 'drizzle-orm';
import {
  boolean,
  check,
  index,
  integer,
  jsonb,
  pgEnum,
  pgTable,
  primaryKey,
  smallint,
  text,
  timestamp,
  unique,
  uuid,
} from 'drizzle-orm/pg-core';
import { users } from './users.js';

export const eventKindEnum = pgEnum('event_kind', ['MOVIE', 'CONCERT', 'THEATRE', 'SPORT']);
export const showStatusEnum = pgEnum('show_status', ['SCHEDULED', 'CANCELLED']);

export const cities = pgTable(
  'cities',
  {
    id: uuid().primaryKey().defaultRandom(),
    name: text().notNull(),
    country: text().notNull(),
    timezone: text().notNull().default('UTC'),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('cities_name_country_unique').on(t.name, t.country),
    check('cities_country_check', sql`${t.country} ~ '^[A-Z]{2}$'`),
  ],
);

export const venues = pgTable(
  'venues',
  {
    id: uuid().primaryKey().defaultRandom(),
    cityId: uuid()
      .notNull()
      .references(() => cities.id),
    name: text().notNull(),
    address: text(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('venues_city_name_idx').on(t.cityId, t.name, t.id),
    index('venues_name_idx').on(t.name, t.id),
  ],
);

/** A section's name is unique in its screen; `tier` is the price-tier label shown to buyers. */
export interface ScreenSectionLayout {
  name: string;
  tier: string;
  rows: { label: string; seats: number; blocked: number[]; accessible: number[] }[];
}

export const screens = pgTable(
  'screens',
  {
    id: uuid().primaryKey().defaultRandom(),
    venueId: uuid()
      .notNull()
      .references(() => venues.id),
    name: text().notNull(),
    /** The layout as given at creation (sections in order); seats are the source of truth. */
    layout: jsonb().$type<ScreenSectionLayout[]>().notNull(),
    capacity: integer().notNull(),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    unique('screens_venue_name_unique').on(t.venueId, t.name),
    check('screens_capacity_check', sql`${t.capacity} >= 0`),
  ],
);

export const seats = pgTable(
  'seats',
  {
    id: uuid().primaryKey().defaultRandom(),
    screenId: uuid()
      .notNull()
      .references(() => screens.id),
    section: text().notNull(),
    row: text().notNull(),
    number: smallint().notNull(),
    label: text().notNull(),
    x: smallint().notNull(),
    y: smallint().notNull(),
    accessible: boolean().notNull().default(false),
    blocked: boolean().notNull().default(false),
  },
  (t) => [
    unique('seats_screen_label_unique').on(t.screenId, t.label),
    unique('seats_screen_row_number_unique').on(t.screenId, t.row, t.number),
    // Neighbourhood look-ups (alternative seats) by position.
    index('seats_screen_position_idx').on(t.screenId, t.y, t.x),
    check('seats_number_check', sql`${t.number} > 0`),
  ],
);

export const events = pgTable(
  'events',
  {
    id: uuid().primaryKey().defaultRandom(),
    kind: eventKindEnum().notNull(),
    title: text().notNull(),
    description: text(),
    genres: text()
      .array()
      .notNull()
      .default(sql`'{}'::text[]`),
    language: text(),
    durationMinutes: integer().notNull(),
    rating: text(),
    posterUrl: text(),
    /** Seats one user may hold plus own in live bookings of one show (anti-scalping). */
    maxTicketsPerUser: integer().notNull().default(10),
    /** Who created it: a venue manager may edit an event of theirs that has no shows yet. */
    createdBy: uuid().references(() => users.id, { onDelete: 'set null' }),
    /** Hidden from the catalog (only events without live bookings are archived). */
    archivedAt: timestamp({ withTimezone: true }),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('events_title_idx').on(t.title, t.id),
    index('events_genres_idx').using('gin', t.genres),
    check('events_duration_check', sql`${t.durationMinutes} > 0 AND ${t.durationMinutes} <= 1440`),
    check('events_max_tickets_check', sql`${t.maxTicketsPerUser} >= 1 AND ${t.maxTicketsPerUser} <= 1000`),
  ],
);

export const shows = pgTable(
  'shows',
  {
    id: uuid().primaryKey().defaultRandom(),
    eventId: uuid()
      .notNull()
      .references(() => events.id),
    screenId: uuid()
      .notNull()
      .references(() => screens.id),
    startsAt: timestamp({ withTimezone: true }).notNull(),
    /** startsAt + duration + turnover; the exclusion constraint keeps a screen's shows apart. */
    endsAt: timestamp({ withTimezone: true }).notNull(),
    status: showStatusEnum().notNull().default('SCHEDULED'),
    currency: text().notNull(),
    /** The sales window: unset start = on sale once scheduled, unset end = until `startsAt`. */
    salesStartAt: timestamp({ withTimezone: true }),
    salesEndAt: timestamp({ withTimezone: true }),
    /**
     * +1 with every price change: a hold quoted from an earlier read is refused by its own
     * transaction (and quoted again) instead of reading the prices in every hold.
     */
    pricesVersion: integer().notNull().default(0),
    createdAt: timestamp({ withTimezone: true }).notNull().defaultNow(),
    cancelledAt: timestamp({ withTimezone: true }),
    /** Hidden from the catalog and off sale (only shows without live bookings are archived). */
    archivedAt: timestamp({ withTimezone: true }),
  },
  (t) => [
    index('shows_starts_at_idx').on(t.startsAt, t.id),
    index('shows_event_starts_at_idx').on(t.eventId, t.startsAt),
    index('shows_screen_starts_at_idx').on(t.screenId, t.startsAt),
    check('shows_currency_check', sql`${t.currency} ~ '^[A-Z]{3}$'`),
    check('shows_ends_after_start_check', sql`${t.endsAt} > ${t.startsAt}`),
    check(
      'shows_sales_window_check',
      sql`${t.salesStartAt} IS NULL OR ${t.salesEndAt} IS NULL OR ${t.salesEndAt} > ${t.salesStartAt}`,
    ),
  ],
);

/** The price of each section of a show, in minor units of the show's currency. */
export const showPrices = pgTable(
  'show_prices',
  {
    showId: uuid()
      .notNull()
      .references(() => shows.id),
    section: text().notNull(),
    tier: text().notNull(),
    amount: integer().notNull(),
    sortOrder: smallint().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.showId, t.section] }),
    check('show_prices_amount_check', sql`${t.amount} >= 0`),
  ],
);

export type CityRow = typeof cities.$inferSelect;
export type VenueRow = typeof venues.$inferSelect;
export type ScreenRow = typeof screens.$inferSelect;
export type SeatRow = typeof seats.$inferSelect;
export type EventRow = typeof events.$inferSelect;
export type ShowRow = typeof shows.$inferSelect;
export type ShowPriceRow = typeof showPrices.$inferSelect;
