import { randomUUID } from 'node:crypto';
import type { AppServices } from '../../src/domain/services.js';
import { SYSTEM_ACTOR } from '../../src/domain/access/authorize.js';

export interface ShowFixture {
  cityId: string;
  venueId: string;
  screenId: string;
  eventId: string;
  showId: string;
  startsAt: Date;
}

/**
 * Builds a city, venue, screen (rows x seatsPerRow, split into sections), event and show through
 * the real admin service. Names are unique so tests never depend on each other's data.
 */
export async function createShowFixture(
  services: AppServices,
  opts: {
    rows?: number;
    seatsPerRow?: number;
    sections?: number;
    blocked?: { row: number; seat: number }[];
    startsAt?: Date;
    cityId?: string;
    kind?: 'MOVIE' | 'CONCERT' | 'THEATRE' | 'SPORT';
    title?: string;
    price?: number;
    /** Row labels by index (default A..Z, then R27, R28...). */
    rowLabel?: (index: number) => string;
  } = {},
): Promise<ShowFixture> {
  const tag = randomUUID().slice(0, 8);
  const rows = opts.rows ?? 10;
  const seatsPerRow = opts.seatsPerRow ?? 12;
  const sectionCount = Math.min(opts.sections ?? 1, rows);
  const cityId =
    opts.cityId ??
    (
      await services.admin.createCity(SYSTEM_ACTOR, {
        name: `City ${tag}`,
        country: 'DE',
        timezone: 'Europe/Berlin',
      })
    ).id;
  const venue = await services.admin.createVenue(SYSTEM_ACTOR, { cityId, name: `Venue ${tag}` });
  const rowLabel = opts.rowLabel ?? ((i: number) => (i < 26 ? String.fromCharCode(65 + i) : `R${i + 1}`));
  const perSection = Math.ceil(rows / sectionCount);
  const sections = Array.from({ length: sectionCount }, (_, s) => ({
    name: `S${s + 1}`,
    tier: s === 0 ? 'PREMIUM' : 'STANDARD',
    rows: Array.from({ length: Math.min(perSection, rows - s * perSection) }, (_, r) => {
      const rowIndex = s * perSection + r;
      return {
        label: rowLabel(rowIndex),
        seats: seatsPerRow,
        blocked: (opts.blocked ?? []).filter((b) => b.row === rowIndex).map((b) => b.seat),
      };
    }),
  }));
  const screen = await services.admin.createScreen(SYSTEM_ACTOR, {
    venueId: venue.id,
    name: `Screen ${tag}`,
    layout: { sections },
  });
  const event = await services.admin.createEvent(SYSTEM_ACTOR, {
    kind: opts.kind ?? 'MOVIE',
    title: opts.title ?? `Film ${tag}`,
    genres: ['drama'],
    language: 'en',
    durationMinutes: 120,
  });
  const startsAt = opts.startsAt ?? new Date(services.clock.now().getTime() + 3 * 24 * 3600 * 1000);
  const show = await services.admin.scheduleShow(SYSTEM_ACTOR, {
    eventId: event.id,
    screenId: screen.id,
    startsAt,
    currency: 'EUR',
    prices: sections.map((s, i) => ({ section: s.name, amount: (opts.price ?? 1000) + (i === 0 ? 500 : 0) })),
  });
  return { cityId, venueId: venue.id, screenId: screen.id, eventId: event.id, showId: show.id, startsAt };
}
