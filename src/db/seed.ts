import { asc, count, gt } from 'drizzle-orm';
import { SYSTEM_ACTOR } from '../domain/access/authorize.js';
import type { AppServices } from '../domain/services.js';
import { cities, shows } from './schema/index.js';
import {
  DEMO_CITIES,
  DEMO_EVENTS,
  type DemoEventKey,
  type DemoScreen,
  type Programme,
} from './seed-catalog.js';
import { localDate, zonedTime } from './zoned-time.js';

export interface SeedResult {
  /** False when the catalog already had cities: nothing was written. */
  seeded: boolean;
  cities: number;
  venues: number;
  screens: number;
  events: number;
  shows: number;
}

export const SEED_DAYS = 14;
/** A slot closer than this to now is skipped (no show starts while its page loads). */
const MIN_LEAD_MS = 30 * 60_000;

/**
 * Seeds the demo catalog through the admin service (so every rule of a real admin applies):
 * 3 cities, 6 venues, 7 screens of 136-520 seats, 15 events of all four kinds, and shows over the
 * next 14 days in each city's local time. Same content on every run; does nothing when any
 * city exists, so it is safe on every start.
 */
export async function seedDemoCatalog(
  services: Pick<AppServices, 'db' | 'admin' | 'clock'>,
): Promise<SeedResult> {
  const { db, admin, clock } = services;
  const [existing] = await db.select({ n: count() }).from(cities);
  const result: SeedResult = { seeded: false, cities: 0, venues: 0, screens: 0, events: 0, shows: 0 };
  if ((existing?.n ?? 0) > 0) return result;

  const eventIds = new Map<DemoEventKey, string>();
  for (const [key, input] of Object.entries(DEMO_EVENTS) as [
    DemoEventKey,
    (typeof DEMO_EVENTS)[DemoEventKey],
  ][]) {
    eventIds.set(key, (await admin.createEvent(SYSTEM_ACTOR, input)).id);
    result.events += 1;
  }

  const schedules: Promise<number>[] = [];
  for (const city of DEMO_CITIES) {
    const { id: cityId } = await admin.createCity(SYSTEM_ACTOR, {
      name: city.name,
      country: city.country,
      timezone: city.timezone,
    });
    result.cities += 1;
    for (const venue of city.venues) {
      const { id: venueId } = await admin.createVenue(SYSTEM_ACTOR, {
        cityId,
        name: venue.name,
        address: venue.address,
      });
      result.venues += 1;
      for (const screen of venue.screens) {
        const { id: screenId } = await admin.createScreen(SYSTEM_ACTOR, {
          venueId,
          name: screen.name,
          layout: screen.layout,
        });
        result.screens += 1;
        // Screens are independent, so their timetables are written concurrently.
        schedules.push(scheduleScreen(admin, screenId, screen, city, eventIds, clock.now()));
      }
    }
  }
  for (const scheduled of await Promise.all(schedules)) result.shows += scheduled;
  await openSalesSoon(services);
  return { ...result, seeded: true };
}

/** How long after the first start the demo's on-sale show opens: long enough to look at it first. */
export const DEMO_SALES_OPEN_AFTER_MS = 5 * 60_000;

/**
 * One show of tomorrow evening goes on sale a few minutes after the first start, so a newcomer sees
 * NOT_ON_SALE turn into a sale (the startup banner names it while it is upcoming).
 */
async function openSalesSoon({
  db,
  admin,
  clock,
}: Pick<AppServices, 'db' | 'admin' | 'clock'>): Promise<void> {
  const now = clock.now();
  const [show] = await db
    .select({ id: shows.id })
    .from(shows)
    .where(gt(shows.startsAt, new Date(now.getTime() + 24 * 3600_000)))
    .orderBy(asc(shows.startsAt), asc(shows.id))
    .limit(1);
  if (!show) return;
  await admin.updateShow(SYSTEM_ACTOR, {
    showId: show.id,
    salesStartAt: new Date(now.getTime() + DEMO_SALES_OPEN_AFTER_MS),
  });
}

/** One screen's shows, one after another in time order (the DB rejects overlaps). */
async function scheduleScreen(
  admin: AppServices['admin'],
  screenId: string,
  screen: DemoScreen,
  city: { timezone: string; currency: string },
  eventIds: ReadonlyMap<DemoEventKey, string>,
  now: Date,
): Promise<number> {
  const today = localDate(now, city.timezone);
  const prices = Object.entries(screen.prices).map(([section, amount]) => ({ section, amount }));
  // Each programme cycles through its events, slot after slot.
  const played = new Map<Programme, number>();
  const nextEvent = (programme: Programme) => {
    const n = played.get(programme) ?? 0;
    played.set(programme, n + 1);
    return programme.events[n % programme.events.length]!;
  };
  let scheduled = 0;
  for (let d = 0; d < SEED_DAYS; d++) {
    const date = { ...today, day: today.day + d };
    const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
    const slots = screen.programmes.flatMap((programme) =>
      programme.weekdays && !programme.weekdays.includes(weekday)
        ? []
        : programme.times.map((time) => {
            const [hour = 0, minute = 0] = time.split(':').map(Number);
            return { startsAt: zonedTime(date, hour, minute, city.timezone), eventKey: nextEvent(programme) };
          }),
    );
    slots.sort((a, b) => a.startsAt.getTime() - b.startsAt.getTime());
    for (const { startsAt, eventKey } of slots) {
      if (startsAt.getTime() < now.getTime() + MIN_LEAD_MS) continue;
      const eventId = eventIds.get(eventKey);
      if (!eventId) throw new Error(`demo event ${eventKey} was not created`);
      await admin.scheduleShow(SYSTEM_ACTOR, {
        eventId,
        screenId,
        startsAt,
        prices,
        currency: city.currency,
      });
      scheduled += 1;
    }
  }
  return scheduled;
}
