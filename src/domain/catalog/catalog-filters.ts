import type { EventListFilter } from '../../db/queries/events.js';
import type { ShowListFilter } from '../../db/queries/shows.js';
import type { EventRow } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import { parseDate, parseOptionalId, parseOptionalText } from '../validation.js';

/** `EventFilter` as the API receives it (nullable everywhere). */
export interface EventFilterInput {
  cityId?: string | null;
  kind?: EventRow['kind'] | null;
  genre?: string | null;
  language?: string | null;
  search?: string | null;
}

/** `ShowFilter` as the API receives it. */
export interface ShowFilterInput {
  cityId?: string | null;
  eventId?: string | null;
  venueId?: string | null;
  from?: Date | string | null;
  to?: Date | string | null;
  onSale?: boolean | null;
}

/** Empty strings mean "no filter"; `now` decides which shows are upcoming for `cityId`. */
export function parseEventFilter(input: EventFilterInput | null | undefined, now: Date): EventListFilter {
  if (!input) return {};
  const cityId = parseOptionalId(input.cityId, 'filter.cityId');
  const genre = parseOptionalText(input.genre, 'filter.genre', { max: 40 });
  const language = parseOptionalText(input.language, 'filter.language', { max: 35 });
  const search = parseOptionalText(input.search, 'filter.search', { max: 100 });
  return {
    ...(input.kind ? { kind: input.kind } : {}),
    // Genres are stored lower-cased by createEvent.
    ...(genre ? { genre: genre.toLowerCase() } : {}),
    ...(language ? { language } : {}),
    ...(search ? { search } : {}),
    ...(cityId ? { upcomingIn: { cityId, now } } : {}),
  };
}

/**
 * Without `from`, shows that have not started yet (startsAt > now, matching status ON_SALE);
 * an explicit `from` is inclusive. `to` (exclusive) must come after `from`.
 */
export function parseShowFilter(input: ShowFilterInput, now: Date): ShowListFilter {
  const cityId = parseOptionalId(input.cityId, 'filter.cityId');
  const eventId = parseOptionalId(input.eventId, 'filter.eventId');
  const venueId = parseOptionalId(input.venueId, 'filter.venueId');
  const from = input.from == null ? now : parseDate(input.from, 'filter.from');
  const to = input.to == null ? undefined : parseDate(input.to, 'filter.to');
  if (to && to.getTime() <= from.getTime()) {
    throw new ValidationError('filter.to must be after filter.from (which defaults to now)', 'filter.to');
  }
  return {
    from,
    fromInclusive: input.from != null,
    ...(to ? { to } : {}),
    ...(cityId ? { cityId } : {}),
    ...(eventId ? { eventId } : {}),
    ...(venueId ? { venueId } : {}),
    ...(input.onSale ? { onSaleAt: now } : {}),
  };
}
