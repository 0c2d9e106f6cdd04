import DataLoader from 'dataloader';
import type { Db } from '../db/client.js';
import { findCitiesByIds } from '../db/queries/cities.js';
import { findEventsByIds } from '../db/queries/events.js';
import { findScreensByIds, findScreensByVenueIds } from '../db/queries/screens.js';
import { countSeatsByShowIds, findSeatMapsByShowIds } from '../db/queries/show-seats.js';
import { findShowsByIds } from '../db/queries/shows.js';
import { findVenuesByIds, findVenuesByScreenIds } from '../db/queries/venues.js';
import type { ScreenRow, VenueRow } from '../db/schema/index.js';
import { buildSeatMap } from './catalog/seat-map.js';
import type { AvailabilityView, SeatMapView } from './catalog/views.js';
import type { Clock } from './clock.js';
import { createBookingLoaders } from './bookings/booking.loaders.js';
import { createHoldLoaders } from './holds/hold.loaders.js';
import { createStaffLoaders } from './staff/staff.loaders.js';

type Ids = readonly string[];

/**
 * A loader for rows that a foreign key guarantees (a show's event, a venue's city): a missing
 * row is a broken invariant, so that key fails (and surfaces as INTERNAL_SERVER_ERROR).
 */
function required<T>(entity: string, fetch: (ids: Ids) => Promise<T[]>, keyOf: (row: T) => string) {
  return new DataLoader<string, T>(async (ids) => {
    const byKey = new Map((await fetch(ids)).map((row) => [keyOf(row), row]));
    return ids.map((id) => byKey.get(id) ?? new Error(`${entity} ${id} not found`));
  });
}

/**
 * DataLoaders, created per request so caches are never shared between users. Each batches every
 * `load` of one tick into one statement, so a page of N shows costs the same as one.
 */
export function createLoaders(db: Db, clock: Clock) {
  return {
    ...createHoldLoaders(db, clock),
    ...createBookingLoaders(db, clock),
    ...createStaffLoaders(db),
    cityById: required(
      'City',
      (ids) => findCitiesByIds(db, ids),
      (c) => c.id,
    ),
    eventById: required(
      'Event',
      (ids) => findEventsByIds(db, ids),
      (e) => e.id,
    ),
    venueById: required(
      'Venue',
      (ids) => findVenuesByIds(db, ids),
      (v) => v.id,
    ),
    screenById: required(
      'Screen',
      (ids) => findScreensByIds(db, ids),
      (s) => s.id,
    ),
    showById: required(
      'Show',
      (ids) => findShowsByIds(db, ids),
      (s) => s.id,
    ),
    /** A show's venue in one hop (screens joined to venues). */
    venueByScreenId: required<VenueRow & { screenId: string }>(
      'Venue of screen',
      (ids) => findVenuesByScreenIds(db, ids),
      (v) => v.screenId,
    ),
    screensByVenueId: new DataLoader<string, ScreenRow[]>(async (venueIds) => {
      const byVenue = new Map<string, ScreenRow[]>(venueIds.map((id) => [id, []]));
      for (const screen of await findScreensByVenueIds(db, venueIds))
        byVenue.get(screen.venueId)?.push(screen);
      return venueIds.map((id) => byVenue.get(id) ?? []);
    }),
    /** Seat counts of every show of a page in one grouped statement. */
    availabilityByShowId: new DataLoader<string, AvailabilityView>(async (showIds) => {
      const rows = await countSeatsByShowIds(db, showIds, clock.now());
      const byShow = new Map(rows.map(({ showId, ...counts }) => [showId, counts]));
      return showIds.map((id) => byShow.get(id) ?? { total: 0, available: 0, held: 0, booked: 0 });
    }),
    /** Version, prices and seats in one statement (one snapshot); see findSeatMapsByShowIds. */
    seatMapByShowId: new DataLoader<string, SeatMapView>(async (showIds) => {
      const rows = await findSeatMapsByShowIds(db, showIds, clock.now());
      const byShow = new Map(rows.map((row) => [row.showId, row]));
      return showIds.map((id) => {
        const row = byShow.get(id);
        return row ? buildSeatMap(row) : new Error(`Show ${id} not found`);
      });
    }),
  };
}
export type Loaders = ReturnType<typeof createLoaders>;
