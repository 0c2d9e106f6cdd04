import type { Db } from '../../db/client.js';
import { findAllCities, findCitiesByIds } from '../../db/queries/cities.js';
import { findEventsByIds, findEventsPage } from '../../db/queries/events.js';
import { findShowVersions } from '../../db/queries/seat-change-log.js';
import { findNextTimedChange } from '../../db/queries/show-seats.js';
import { findNextSalesOpening, findShowsByIds, findShowsPage } from '../../db/queries/shows.js';
import { findVenuesByIds, findVenuesPage } from '../../db/queries/venues.js';
import type { CityRow, EventRow, ShowRow, VenueRow } from '../../db/schema/index.js';
import type { Clock } from '../clock.js';
import { decodeCursor, encodeCursor, parseFirst, toConnection, type Connection } from '../pagination.js';
import { isId, parseId, parseOptionalId } from '../validation.js';
import {
  parseEventFilter,
  parseShowFilter,
  type EventFilterInput,
  type ShowFilterInput,
} from './catalog-filters.js';
import { isOnSale } from './sales-window.js';
import { createSeatCounts } from './seat-counts.js';
import { showStatusAt, type ShowStatus } from './seat-map.js';

export interface PageArgs {
  first?: number | null;
  after?: string | null;
}

// What we put in show cursors: Date#toISOString().
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const isInstant = (v: string) => ISO_INSTANT.test(v) && !Number.isNaN(Date.parse(v));

/**
 * Catalog reads: cities, events, venues, shows. Lookups by id return null for unknown ids (the
 * fields are nullable) and BAD_USER_INPUT for malformed ones. Seat maps and availability are
 * per-request loaders (src/domain/loaders.ts) because they batch across a page of shows.
 */
export function createCatalogService({ db, clock }: { db: Db; clock: Clock }) {
  const byId = async <T>(find: (db: Db, ids: string[]) => Promise<T[]>, id: string): Promise<T | null> =>
    (await find(db, [parseId(id, 'id')]))[0] ?? null;

  return {
    cities: (): Promise<CityRow[]> => findAllCities(db),
    city: (id: string) => byId(findCitiesByIds, id),
    event: (id: string) => byId(findEventsByIds, id),
    venue: (id: string) => byId(findVenuesByIds, id),
    show: (id: string) => byId(findShowsByIds, id),

    /** Events ordered by (title, id). */
    async events(args: PageArgs & { filter?: EventFilterInput | null }): Promise<Connection<EventRow>> {
      const first = parseFirst(args.first);
      const after = decodeCursor('event', args.after);
      const filter = parseEventFilter(args.filter, clock.now());
      const rows = await findEventsPage(db, filter, after && { title: after.value, id: after.id }, first + 1);
      return toConnection(rows, first, (e) => encodeCursor('event', { value: e.title, id: e.id }));
    },

    /** Venues ordered by (name, id), optionally in one city. */
    async venues(args: PageArgs & { cityId?: string | null }): Promise<Connection<VenueRow>> {
      const first = parseFirst(args.first);
      const after = decodeCursor('venue', args.after);
      const cityId = parseOptionalId(args.cityId, 'cityId');
      const rows = await findVenuesPage(
        db,
        cityId ? { cityId } : {},
        after && { name: after.value, id: after.id },
        first + 1,
      );
      return toConnection(rows, first, (v) => encodeCursor('venue', { value: v.name, id: v.id }));
    },

    /** Scheduled shows ordered by (startsAt, id); cancelled ones only via `show(id)`. */
    async shows(args: PageArgs & { filter: ShowFilterInput }): Promise<Connection<ShowRow>> {
      const first = parseFirst(args.first);
      const after = decodeCursor('show', args.after, isInstant);
      const filter = parseShowFilter(args.filter, clock.now());
      const key = after && { startsAt: new Date(after.value), id: after.id };
      const rows = await findShowsPage(db, filter, key, first + 1);
      return toConnection(rows, first, (s) =>
        encodeCursor('show', { value: s.startsAt.toISOString(), id: s.id }),
      );
    },

    showStatus: (show: ShowRow): ShowStatus => showStatusAt(show, clock.now()),
    onSale: (show: ShowRow): boolean => isOnSale(show, clock.now()),
    /** The show whose sales open next (the startup banner points newcomers at it). */
    nextSalesOpening: () => findNextSalesOpening(db, clock.now()),

    /** A show's seat version (its sequenced seat changes), or null for an unknown show or a bad id. */
    async seatVersion(showId: string): Promise<number | null> {
      if (!isId(showId)) return null;
      const [row] = await findShowVersions(db, [showId.toLowerCase()]);
      return row?.version ?? null;
    },

    /** When a seat map read now next changes without a new version: the earliest running hold's expiry. */
    nextTimedChange: (showId: string): Promise<Date | null> =>
      findNextTimedChange(db, parseId(showId, 'showId'), clock.now()),

    // Seat map sizes, for the rate limits' cost (seatCount, largestSeatCount).
    ...createSeatCounts(db),
  };
}
export type CatalogService = ReturnType<typeof createCatalogService>;
