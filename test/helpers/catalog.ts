import { randomUUID } from 'node:crypto';
import type { AppServices } from '../../src/domain/services.js';
import type { Harness } from './harness.js';
import { SYSTEM_ACTOR } from '../../src/domain/access/authorize.js';

export const HOUR = 3600 * 1000;
export const DAY = 24 * HOUR;

/** A short unique tag for names, so tests never depend on each other's data. */
export const tag = () => randomUUID().slice(0, 8);

/** Raw `extensions` of the first error, for asserting codes and fields. */
export function firstError(res: { errors?: { extensions?: Record<string, any> }[] }) {
  return res.errors?.[0]?.extensions ?? {};
}

/** A small screen (rows x seats, one section) in a new venue of `cityId`. */
export async function createScreen(services: AppServices, cityId: string, rows = 2, seats = 5) {
  const t = tag();
  const venue = await services.admin.createVenue(SYSTEM_ACTOR, { cityId, name: `Venue ${t}` });
  const screen = await services.admin.createScreen(SYSTEM_ACTOR, {
    venueId: venue.id,
    name: `Screen ${t}`,
    layout: {
      sections: [
        {
          name: 'Main',
          rows: Array.from({ length: rows }, (_, i) => ({ label: String.fromCharCode(65 + i), seats })),
        },
      ],
    },
  });
  return { venue, screen };
}

/** `sections` must name every section of the screen: `Main` for createScreen, `S1`... for createShowFixture. */
export async function scheduleShow(
  services: AppServices,
  eventId: string,
  screenId: string,
  startsAt: Date,
  sections = ['Main'],
) {
  return services.admin.scheduleShow(SYSTEM_ACTOR, {
    eventId,
    screenId,
    startsAt,
    currency: 'EUR',
    prices: sections.map((section) => ({ section, amount: 900 })),
  });
}

/**
 * One city with `venues` venues (one small screen each), `events` events and `shows` shows
 * spread round-robin over them, 4 hours apart per screen so they never overlap.
 */
export async function createCityCatalog(
  services: AppServices,
  opts: { venues: number; events: number; shows: number },
) {
  const t = tag();
  const city = await services.admin.createCity(SYSTEM_ACTOR, { name: `Batch City ${t}`, country: 'FR' });
  const screens = [];
  for (let i = 0; i < opts.venues; i++) screens.push((await createScreen(services, city.id)).screen);
  const events = [];
  for (let i = 0; i < opts.events; i++) {
    events.push(
      await services.admin.createEvent(SYSTEM_ACTOR, {
        kind: 'CONCERT',
        title: `Batch ${t} ${i}`,
        durationMinutes: 90,
      }),
    );
  }
  const base = Date.now() + DAY;
  const shows = [];
  for (let i = 0; i < opts.shows; i++) {
    const screen = screens[i % screens.length]!;
    const startsAt = new Date(
      base + Math.floor(i / screens.length) * 4 * HOUR + (i % screens.length) * 60_000,
    );
    shows.push(await scheduleShow(services, events[i % events.length]!.id, screen.id, startsAt));
  }
  return { city, screens, events, shows };
}

/**
 * Puts seats of a show into HELD state by direct SQL, as a hold placed at some earlier time
 * would have: an ACTIVE holds row (for the foreign key) and the copied expiry on each seat.
 */
export async function holdSeatsDirectly(h: Harness, showId: string, showSeatIds: string[], expiresAt: Date) {
  const user = await h.customer();
  const [hold] = await h.db.sql<{ id: string }[]>`
    insert into holds (user_id, show_id, status, expires_at, total_amount, currency)
    values (${user.id}, ${showId}, 'ACTIVE', ${expiresAt.toISOString()}, 0, 'EUR') returning id`;
  await h.db.sql`
    update show_seats set status = 'HELD', hold_id = ${hold!.id}, hold_expires_at = ${expiresAt.toISOString()}
    where id = any(${showSeatIds}::uuid[])`;
  return hold!.id;
}

/**
 * Books seats by direct SQL: a converted hold, its succeeded payment and a confirmed booking (for
 * the foreign keys, and because a booking is only CONFIRMED with a payment).
 */
export async function bookSeatsDirectly(h: Harness, showId: string, showSeatIds: string[]) {
  const user = await h.customer();
  const [hold] = await h.db.sql<{ id: string }[]>`
    insert into holds (user_id, show_id, status, expires_at, total_amount, currency, ended_at)
    values (${user.id}, ${showId}, 'CONVERTED', now(), 0, 'EUR', now()) returning id`;
  const [payment] = await h.db.sql<{ id: string }[]>`
    insert into payments (hold_id, user_id, attempt, amount, currency, payment_method, status, created_at, updated_at, next_check_at)
    values (${hold!.id}, ${user.id}, 1, 0, 'EUR', 'pm_card_visa', 'SUCCEEDED', now(), now(), now()) returning id`;
  const [booking] = await h.db.sql<{ id: string }[]>`
    insert into bookings (reference, user_id, show_id, hold_id, status, total_amount, currency, confirmed_at, payment_id)
    values (${`BX-${tag()}`}, ${user.id}, ${showId}, ${hold!.id}, 'CONFIRMED', 0, 'EUR', now(), ${payment!.id}) returning id`;
  await h.db.sql`
    update show_seats set status = 'BOOKED', booking_id = ${booking!.id} where id = any(${showSeatIds}::uuid[])`;
}
