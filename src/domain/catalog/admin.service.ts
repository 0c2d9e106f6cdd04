import type { Db } from '../../db/client.js';
import { findCitiesByIds, insertCity } from '../../db/queries/cities.js';
import { insertEvent } from '../../db/queries/events.js';
import { insertScreenWithSeats } from '../../db/queries/screens.js';
import { findShowsByIds, markShowCancelled } from '../../db/queries/shows.js';
import { findVenuesByIds, insertVenue } from '../../db/queries/venues.js';
import type { CityRow, EventRow, ScreenRow, ShowRow, VenueRow } from '../../db/schema/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Clock } from '../clock.js';
import { parseId, parseInteger, parseOptionalText, parseText } from '../validation.js';
import { cancelShow } from './cancel-show.js';
import { scheduleShow, type ScheduleShowInput } from './schedule-show.js';
import { capacityOf, expandLayout, type LayoutInput } from './screen-layout.js';

export { TURNOVER_MINUTES } from './schedule-show.js';
export type EventKind = EventRow['kind'];

export interface CreateEventInput {
  kind: EventKind;
  title: string;
  description?: string | null;
  genres?: readonly string[] | null;
  language?: string | null;
  durationMinutes: number;
  rating?: string | null;
}

const MAX_GENRES = 10;

/**
 * Catalog writes. Authorization (ADMIN) is checked by the resolvers. Inputs mirror the GraphQL
 * `input` argument, so `extensions.field` paths start with `input.`.
 */
export function createAdminCatalogService({ db, clock }: { db: Db; clock: Clock }) {
  return {
    async createCity(input: { name: string; country: string; timezone?: string | null }): Promise<CityRow> {
      const name = parseText(input.name, 'input.name', { max: 100 });
      const country = input.country.trim().toUpperCase();
      if (!/^[A-Z]{2}$/.test(country)) {
        throw new ValidationError('country must be an ISO-3166 alpha-2 code such as "DE"', 'input.country');
      }
      const timezone = parseTimeZone(input.timezone, 'input.timezone');
      const city = await insertCity(db, { name, country, timezone });
      if (!city) throw new ValidationError(`the city ${name} (${country}) already exists`, 'input.name');
      return city;
    },

    async createVenue(input: { cityId: string; name: string; address?: string | null }): Promise<VenueRow> {
      const cityId = parseId(input.cityId, 'input.cityId');
      const name = parseText(input.name, 'input.name', { max: 200 });
      const address = parseOptionalText(input.address, 'input.address', { max: 500 });
      const [city] = await findCitiesByIds(db, [cityId]);
      if (!city) throw new NotFoundError('City', cityId);
      return insertVenue(db, { cityId, name, address });
    },

    /** The screen and all its seats, in one transaction. */
    async createScreen(input: { venueId: string; name: string; layout: LayoutInput }): Promise<ScreenRow> {
      const venueId = parseId(input.venueId, 'input.venueId');
      const name = parseText(input.name, 'input.name', { max: 100 });
      const { layout, seats } = expandLayout(input.layout, 'input.layout');
      const [venue] = await findVenuesByIds(db, [venueId]);
      if (!venue) throw new NotFoundError('Venue', venueId);
      const screen = await db.transaction((tx) =>
        insertScreenWithSeats(tx, { venueId, name, layout, capacity: capacityOf(seats) }, seats),
      );
      if (!screen) throw new ValidationError(`the venue already has a screen named "${name}"`, 'input.name');
      return screen;
    },

    async createEvent(input: CreateEventInput): Promise<EventRow> {
      const rawGenres = input.genres ?? [];
      if (rawGenres.length > MAX_GENRES)
        throw new ValidationError(`at most ${MAX_GENRES} genres`, 'input.genres');
      const genres = [
        ...new Set(rawGenres.map((g, i) => parseText(g, `input.genres[${i}]`, { max: 40 }).toLowerCase())),
      ];
      const language = parseOptionalText(input.language, 'input.language', { max: 35 });
      if (language && !/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{1,8})*$/.test(language)) {
        throw new ValidationError('language must be a BCP-47 tag such as "en" or "pt-BR"', 'input.language');
      }
      return insertEvent(db, {
        kind: input.kind,
        title: parseText(input.title, 'input.title', { max: 200 }),
        description: parseOptionalText(input.description, 'input.description', { max: 5000 }),
        genres,
        language,
        durationMinutes: parseInteger(input.durationMinutes, 'input.durationMinutes', 1, 1440),
        rating: parseOptionalText(input.rating, 'input.rating', { max: 20 }),
      });
    },

    scheduleShow: (input: ScheduleShowInput): Promise<ShowRow> => scheduleShow({ db, clock }, input),

    /**
     * Marks the show cancelled; idempotent (a cancelled show is returned unchanged). Releasing
     * holds and refunding bookings belong to the holds and bookings domains.
     */
    /** Cancels the show and releases its active holds (idempotent). */
    cancelShow: (showId: string): Promise<ShowRow> => cancelShow({ db, clock }, showId),
  };
}
export type AdminCatalogService = ReturnType<typeof createAdminCatalogService>;

/** An IANA zone in its canonical spelling ("europe/berlin" is stored as "Europe/Berlin"). */
function parseTimeZone(value: string | null | undefined, field: string): string {
  const tz = value?.trim() || 'UTC';
  let canonical: string;
  try {
    if (tz.length > 64) throw new RangeError('too long for a zone name');
    canonical = new Intl.DateTimeFormat('en', { timeZone: tz }).resolvedOptions().timeZone;
  } catch {
    throw new ValidationError('timezone must be an IANA time zone such as "Europe/Berlin"', field);
  }
  // Newer ICU versions accept raw offsets ("+01:00"), which are not IANA zones and ignore DST.
  if (/^[+-]/.test(canonical))
    throw new ValidationError('timezone must be an IANA time zone, not an offset', field);
  return canonical;
}
