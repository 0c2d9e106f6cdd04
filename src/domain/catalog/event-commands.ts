import type { Tx } from '../../db/client.js';
import { isExclusionViolation } from '../../db/errors.js';
import {
  insertEvent,
  lockEvent,
  markEventArchived,
  updateEvent as updateEventRow,
} from '../../db/queries/events.js';
import { markShowsArchived, setEndsAtOfEventShows } from '../../db/queries/show-writes.js';
import { findVenueIdsOfEvent, hasLiveBookings, lockShowsOfEvent } from '../../db/queries/shows.js';
import type { EventRow } from '../../db/schema/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { accountOf, assertCan, assertMayAct, type Scope } from '../access/authorize.js';
import type { Action } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import { rowCodec } from '../idempotency.js';
import { runStaffCommand, type StaffCommandDeps } from '../staff-command.js';
import { parseId } from '../validation.js';
import { endSalesOfShow } from './end-sales.js';
import {
  DEFAULT_MAX_TICKETS_PER_USER,
  parseEventFields,
  type EventFieldsInput,
  type EventKind,
} from './event-fields.js';
import { TURNOVER_MINUTES } from './schedule-show.js';

type Key = { idempotencyKey?: string | null };
const eventCodec = rowCodec<EventRow>('createdAt', 'archivedAt');

export type CreateEventInput = EventFieldsInput & {
  kind: EventKind;
  title: string;
  durationMinutes: number;
} & Key;

/** Admins, and venue managers for the shows they will schedule at their venues. */
export async function createEvent(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: CreateEventInput,
): Promise<EventRow> {
  await assertMayAct(deps.db, actor, 'event.create');
  const fields = parseEventFields(input);
  const values = {
    kind: input.kind,
    title: fields.title!,
    description: fields.description ?? null,
    genres: fields.genres ?? [],
    language: fields.language ?? null,
    durationMinutes: fields.durationMinutes!,
    rating: fields.rating ?? null,
    posterUrl: fields.posterUrl ?? null,
    maxTicketsPerUser: fields.maxTicketsPerUser ?? DEFAULT_MAX_TICKETS_PER_USER,
  };
  return runStaffCommand(
    deps,
    actor,
    { operation: 'createEvent', input: values, idempotencyKey: input.idempotencyKey },
    eventCodec,
    async (tx, at) => {
      const event = await insertEvent(tx, { ...values, createdBy: accountOf(actor) });
      await recordAudit(tx, { action: 'event.created', actor, at, targetId: event.id, after: event });
      return event;
    },
  );
}

/**
 * Edits an event; omitted fields stay. A new duration moves the end of its scheduled shows, and
 * is refused if one would then overlap the next show on its screen. A lower `maxTicketsPerUser`
 * applies to new holds; nobody loses seats they already hold or own.
 */
export async function updateEvent(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: EventFieldsInput & { eventId: string } & Key,
): Promise<EventRow> {
  await assertMayAct(deps.db, actor, 'event.update');
  const eventId = parseId(input.eventId, 'input.eventId');
  const fields = parseEventFields(input);
  return runStaffCommand(
    deps,
    actor,
    { operation: 'updateEvent', input: { eventId, ...fields }, idempotencyKey: input.idempotencyKey },
    eventCodec,
    async (tx, at) => {
      const { event: before, venueId } = await lockEventFor(tx, actor, eventId, 'event.update');
      const after = await updateEventRow(tx, eventId, fields);
      if (fields.durationMinutes !== undefined && fields.durationMinutes !== before.durationMinutes) {
        await setEndsAtOfEventShows(tx, eventId, fields.durationMinutes + TURNOVER_MINUTES).catch(
          (err: unknown) => {
            if (!isExclusionViolation(err, 'shows_no_overlap_per_screen')) throw err;
            throw new ValidationError(
              'with this duration a show of the event would overlap the next show on its screen',
              'input.durationMinutes',
            );
          },
        );
      }
      await recordAudit(tx, {
        action: 'event.updated',
        actor,
        at,
        targetId: eventId,
        venueId,
        before,
        after,
      });
      return after;
    },
  );
}

/**
 * Hides an event and all its shows from the catalog and stops their sales (their holds are
 * released). Only without live bookings: an event with sold tickets is cancelled show by show.
 */
export async function archiveEvent(deps: StaffCommandDeps, actor: Viewer, input: { eventId: string } & Key) {
  await assertMayAct(deps.db, actor, 'event.archive');
  const eventId = parseId(input.eventId, 'input.eventId');
  return runStaffCommand(
    deps,
    actor,
    { operation: 'archiveEvent', input: { eventId }, idempotencyKey: input.idempotencyKey },
    eventCodec,
    async (tx, at) => {
      const { event, venueId } = await lockEventFor(tx, actor, eventId, 'event.archive');
      if (event.archivedAt) return event;
      if (await hasLiveBookings(tx, { eventId })) {
        throw new ValidationError(
          'This event has bookings: cancel its shows instead (cancelShow)',
          'input.eventId',
          {
            reason: 'HAS_BOOKINGS',
          },
        );
      }
      // Holds being placed on its shows finish first; later ones see the shows archived.
      await lockShowsOfEvent(tx, eventId);
      const shows = await markShowsArchived(tx, { eventId }, at);
      for (const show of shows) await endSalesOfShow(tx, show.id, at, 'ARCHIVE');
      const archived = await markEventArchived(tx, eventId, at);
      await recordAudit(tx, {
        action: 'event.archived',
        actor,
        at,
        targetId: eventId,
        venueId,
        details: { archivedShowIds: shows.map((s) => s.id) },
      });
      return archived;
    },
  );
}

/**
 * Locks the event and checks the actor may act on it: admins always; a venue manager when every
 * venue the event plays at is theirs, or, for an event with no shows yet, when they created it.
 */
async function lockEventFor(
  tx: Tx,
  actor: Viewer,
  eventId: string,
  action: Action,
): Promise<{ event: EventRow; venueId: string | undefined }> {
  const event = await lockEvent(tx, eventId);
  if (!event) throw new NotFoundError('Event', eventId);
  const venueIds = await findVenueIdsOfEvent(tx, eventId);
  const scope: Scope = venueIds.length === 0 && event.createdBy === actor.id ? 'anyVenue' : { venueIds };
  await assertCan(tx, actor, action, scope);
  // Its audit entries are filed under its venue when it plays at one only.
  return { event, venueId: venueIds.length === 1 ? venueIds[0] : undefined };
}
