import type { Db } from '../../db/client.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { archiveShow, cancelShow } from './cancel-show.js';
import { archiveEvent, createEvent, updateEvent, type CreateEventInput } from './event-commands.js';
import type { EventFieldsInput } from './event-fields.js';
import { createCity, createScreen, createVenue, updateCity, updateVenue } from './places.js';
import { scheduleShow, type ScheduleShowInput, type SectionPriceInput } from './schedule-show.js';
import { blockSeats, unblockSeats } from './seat-blocks.js';
import { setShowPrices, updateShow, type UpdateShowInput } from './update-show.js';

export { TURNOVER_MINUTES } from './schedule-show.js';
export type { CreateEventInput, ScheduleShowInput };

type Key = { idempotencyKey?: string | null };

/**
 * Catalog writes for staff. Every command takes the acting viewer, checks what they may do
 * (src/domain/access), runs in one transaction with its audit entry, and accepts an idempotency
 * key. Inputs mirror the GraphQL `input` argument, so `extensions.field` paths start with `input.`.
 */
export function createAdminCatalogService(deps: { db: Db; clock: Clock }) {
  return {
    createCity: (actor: Viewer, input: Parameters<typeof createCity>[2]) => createCity(deps, actor, input),
    updateCity: (actor: Viewer, input: Parameters<typeof updateCity>[2]) => updateCity(deps, actor, input),
    createVenue: (actor: Viewer, input: Parameters<typeof createVenue>[2]) => createVenue(deps, actor, input),
    updateVenue: (actor: Viewer, input: Parameters<typeof updateVenue>[2]) => updateVenue(deps, actor, input),
    createScreen: (actor: Viewer, input: Parameters<typeof createScreen>[2]) =>
      createScreen(deps, actor, input),
    createEvent: (actor: Viewer, input: CreateEventInput) => createEvent(deps, actor, input),
    updateEvent: (actor: Viewer, input: EventFieldsInput & { eventId: string } & Key) =>
      updateEvent(deps, actor, input),
    archiveEvent: (actor: Viewer, input: { eventId: string } & Key) => archiveEvent(deps, actor, input),
    scheduleShow: (actor: Viewer, input: ScheduleShowInput) => scheduleShow(deps, actor, input),
    updateShow: (actor: Viewer, input: UpdateShowInput) => updateShow(deps, actor, input),
    setShowPrices: (actor: Viewer, input: { showId: string; prices: readonly SectionPriceInput[] } & Key) =>
      setShowPrices(deps, actor, input),
    blockSeats: (actor: Viewer, input: Parameters<typeof blockSeats>[2]) => blockSeats(deps, actor, input),
    unblockSeats: (actor: Viewer, input: Parameters<typeof unblockSeats>[2]) =>
      unblockSeats(deps, actor, input),
    archiveShow: (actor: Viewer, input: { showId: string } & Key) => archiveShow(deps, actor, input),
    /** Cancels the show, releases its holds and refunds its bookings (idempotent). */
    cancelShow: (actor: Viewer, input: { showId: string } & Key) => cancelShow(deps, actor, input),
  };
}
export type AdminCatalogService = ReturnType<typeof createAdminCatalogService>;
