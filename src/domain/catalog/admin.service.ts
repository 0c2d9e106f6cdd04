import type { Db } from '../../db/client.js';
import { isExclusionViolation } from '../../db/errors.js';
import { insertCity, findCitiesByIds } from '../../db/queries/cities.js';
import { findEventsByIds, insertEvent } from '../../db/queries/events.js';
import { findScreensByIds, insertScreenWithSeats } from '../../db/queries/screens.js';
import { findShowsByIds, insertShowWithInventory, markShowCancelled } from '../../db/queries/shows.js';
import { findVenuesByIds, insertVenue } from '../../db/queries/venues.js';
import type { CityRow, EventRow, ScreenRow, ShowRow, VenueRow } from '../../db/schema/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Clock } from '../clock.js';
import {
  parseDate,
  parseId,
  parseInteger,
  parseOptionalText,
  parseText,
} from '../validation.js';
import { capacityOf, expandLayout, type LayoutInput } from './screen-layout.js';

export type EventKind = EventRow['kind'];

/** Time between a show's end and the next show on the same screen (cleaning, seating). */
export const TURNOVER_MINUTES = 30;
const MAX_SCHEDULE_AHEAD_MS = 2 * 365 * 24 * 3600 * 1000;

/** Catalog writes. Authorization (ADMIN) is checked by the resolvers. */
export function createAdminCatalogService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async createCity(input: { name: string; country: string; timezone?: string | null }): Promise<CityRow> {
      const name = parseText(input.name, 'name', { max: 100 });
      const country = input.country.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) throw new ValidationError('country must be an ISO-3166 alpha-2 code', 'country');
      const timezone = input.timezone?.trim() || 'UTC';
      if (!isTimeZone(timezone)) throw new ValidationError('timezone must be an IANA time zone', 'timezone');
      const city = await insertCity(db, { name, country, timezone });
      if (!city) throw new ValidationError(`${name} (${country}) already exists`, 'name');
      return city;
    },

    async createVenue(input: { cityId: string; name: string; address?: string | null }): Promise<VenueRow> {
      const cityId = parseId(input.cityId, 'cityId');
      const name = parseText(input.name, 'name', { max: 200 });
      const address = parseOptionalText(input.address, 'address', { max: 500 });
      const [city] = await findCitiesByIds(db, [cityId]);
      if (!city) throw new NotFoundError('City', cityId);
      return insertVenue(db, { cityId, name, address });
    },

    async createScreen(input: { venueId: string; name: string; layout: LayoutInput }): Promise<ScreenRow> {
      const venueId = parseId(input.venueId, 'venueId');
      const name = parseText(input.name, 'name', { max: 100 });
      const { layout, seats } = expandLayout(input.layout);
      const [venue] = await findVenuesByIds(db, [venueId]);
      if (!venue) throw new NotFoundError('Venue', venueId);
      const screen = await db.transaction((tx) =>
        insertScreenWithSeats(tx, { venueId, name, layout, capacity: capacityOf(seats) }, seats),
      );
      if (!screen) throw new ValidationError(`venue already has a screen named "${name}"`, 'name');
      return screen;
    },

    async createEvent(input: {
      kind: EventKind;
      title: string;
      description?: string | null;
      genres?: readonly string[] | null;
      language?: string | null;
      durationMinutes: number;
      rating?: string | null;
    }): Promise<EventRow> {
      const genres = [...new Set((input.genres ?? []).map((g, i) => parseText(g, `genres[${i}]`, { max: 40 }).toLowerCase()))];
      if (genres.length > 10) throw new ValidationError('at most 10 genres', 'genres');
      const language = parseOptionalText(input.language, 'language', { max: 35 });
      if (language && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(language)) {
        throw new ValidationError('language must be a BCP-47 tag such as "en" or "pt-BR"', 'language');
      }
      return insertEvent(db, {
        kind: input.kind,
        title: parseText(input.title, 'title', { max: 200 }),
        description: parseOptionalText(input.description, 'description', { max: 5000 }),
        genres,
        language,
        durationMinutes: parseInteger(input.durationMinutes, 'durationMinutes', 1, 1440),
        rating: parseOptionalText(input.rating, 'rating', { max: 20 }),
      });
    },

    async scheduleShow(input: {
      eventId: string;
      screenId: string;
      startsAt: Date | string;
      prices: readonly { section: string; amount: number }[];
      currency: string;
    }): Promise<ShowRow> {
      const eventId = parseId(input.eventId, 'eventId');
      const screenId = parseId(input.screenId, 'screenId');
      const startsAt = parseDate(input.startsAt, 'startsAt');
      const now = clock.now().getTime();
      if (startsAt.getTime() <= now) throw new ValidationError('startsAt must be in the future', 'startsAt');
      if (startsAt.getTime() > now + MAX_SCHEDULE_AHEAD_MS) {
        throw new ValidationError('startsAt must be within two years', 'startsAt');
      }
      const currency = input.currency.trim().toUpperCase();
      if (!/^[A-Z]{3}$/.test(currency)) throw new ValidationError('currency must be an ISO-4217 code', 'currency');

      const [[event], [screen]] = await Promise.all([findEventsByIds(db, [eventId]), findScreensByIds(db, [screenId])]);
      if (!event) throw new NotFoundError('Event', eventId);
      if (!screen) throw new NotFoundError('Screen', screenId);
      const prices = priceSections(screen, input.prices);
      const endsAt = new Date(startsAt.getTime() + (event.durationMinutes + TURNOVER_MINUTES) * 60_000);
      try {
        return await db.transaction((tx) =>
          insertShowWithInventory(tx, { eventId, screenId, startsAt, endsAt, currency }, prices),
        );
      } catch (err) {
        if (isExclusionViolation(err, 'shows_no_overlap_per_screen')) {
          throw new ValidationError('the screen has another show at that time', 'startsAt');
        }
        throw err;
      }
    },

    /** Marks the show cancelled (idempotent: cancelling a cancelled show returns it unchanged). */
    async cancelShow(showIdRaw: string): Promise<ShowRow> {
      const showId = parseId(showIdRaw, 'showId');
      const cancelled = await markShowCancelled(db, showId, clock.now());
      if (cancelled) return cancelled;
      const [show] = await findShowsByIds(db, [showId]);
      if (!show) throw new NotFoundError('Show', showId);
      return show;
    },
  };
}
export type AdminCatalogService = ReturnType<typeof createAdminCatalogService>;

/** Every section of the screen needs exactly one price; unknown sections are an error. */
function priceSections(screen: ScreenRow, prices: readonly { section: string; amount: number }[]) {
  const bySection = new Map<string, number>();
  prices.forEach((p, i) => {
    const section = p.section.trim();
    if (bySection.has(section)) throw new ValidationError(`section "${section}" is priced twice`, `prices[${i}].section`);
    if (!screen.layout.some((s) => s.name === section)) {
      throw new ValidationError(`the screen has no section "${section}"`, `prices[${i}].section`);
    }
    bySection.set(section, parseInteger(p.amount, `prices[${i}].amount`, 0, 100_000_000));
  });
  return screen.layout.map((s, sortOrder) => {
    const amount = bySection.get(s.name);
    if (amount === undefined) throw new ValidationError(`section "${s.name}" has no price`, 'prices');
    return { section: s.name, tier: s.tier, amount, sortOrder };
  });
}

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

