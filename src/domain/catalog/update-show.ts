import type { Tx } from '../../db/client.js';
import { isExclusionViolation } from '../../db/errors.js';
import { findEventsByIds } from '../../db/queries/events.js';
import { findScreensByIds } from '../../db/queries/screens.js';
import { findShowPrices, setShowPrices as setShowPriceRows } from '../../db/queries/show-prices.js';
import { updateShowSchedule } from '../../db/queries/show-writes.js';
import { lockShowAtVenue, type ShowAtVenue } from '../../db/queries/shows.js';
import type { ShowRow } from '../../db/schema/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { assertCan, assertMayAct } from '../access/authorize.js';
import type { Action } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import { runStaffCommand, type StaffCommandDeps } from '../staff-command.js';
import { parseDate, parseId } from '../validation.js';
import { assertSalesWindow } from './sales-window.js';
import {
  overlapError,
  parseStartsAt,
  priceSections,
  TURNOVER_MINUTES,
  type SectionPriceInput,
} from './schedule-show.js';
import { showCodec } from './show-codec.js';

type Key = { idempotencyKey?: string | null };

export interface UpdateShowInput extends Key {
  showId: string;
  /** Reschedules the show (its end moves with it); the screen overlap rule still holds. */
  startsAt?: Date | string | null;
  /** Absent: unchanged; null: unset (on sale once scheduled / until the show starts). */
  salesStartAt?: Date | string | null;
  salesEndAt?: Date | string | null;
}

/** Reschedules a show or changes its sales window. Bookings and holds are kept. */
export async function updateShow(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: UpdateShowInput,
): Promise<ShowRow> {
  await assertMayAct(deps.db, actor, 'show.update');
  const showId = parseId(input.showId, 'input.showId');
  const startsAt = input.startsAt == null ? undefined : parseStartsAt(input.startsAt, deps.clock.now());
  const optionalDate = (v: Date | string | null | undefined, field: string) =>
    v === undefined ? undefined : v === null ? null : parseDate(v, field);
  const salesStartAt = optionalDate(input.salesStartAt, 'input.salesStartAt');
  const salesEndAt = optionalDate(input.salesEndAt, 'input.salesEndAt');
  const normalised = { showId, startsAt, salesStartAt, salesEndAt };
  return runStaffCommand(
    deps,
    actor,
    { operation: 'updateShow', input: normalised, idempotencyKey: input.idempotencyKey },
    showCodec,
    async (tx, at) => {
      const before = await lockShowFor(tx, actor, showId, 'show.update');
      if (before.status === 'CANCELLED') throw new ValidationError('This show is cancelled', 'input.showId');
      const [event] = await findEventsByIds(tx, [before.eventId]);
      const start = startsAt ?? before.startsAt;
      const schedule = {
        startsAt: start,
        endsAt: new Date(start.getTime() + (event!.durationMinutes + TURNOVER_MINUTES) * 60_000),
        salesStartAt: salesStartAt === undefined ? before.salesStartAt : salesStartAt,
        salesEndAt: salesEndAt === undefined ? before.salesEndAt : salesEndAt,
      };
      assertSalesWindow(schedule);
      const after = await updateShowSchedule(tx, showId, schedule).catch((err: unknown) => {
        throw isExclusionViolation(err, 'shows_no_overlap_per_screen') ? overlapError() : err;
      });
      const { venueId, ...show } = before;
      await recordAudit(tx, {
        action: 'show.updated',
        actor,
        at,
        targetId: showId,
        venueId,
        showId,
        before: show,
        after,
      });
      return after;
    },
  );
}

/**
 * New prices for some or all sections of a show. Holds placed from now on pay them; existing
 * holds and bookings keep the price they were quoted.
 */
export async function setShowPrices(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { showId: string; prices: readonly SectionPriceInput[] } & Key,
): Promise<ShowRow> {
  await assertMayAct(deps.db, actor, 'show.setPrices');
  const showId = parseId(input.showId, 'input.showId');
  const call = {
    operation: 'setShowPrices',
    input: { showId, prices: input.prices },
    idempotencyKey: input.idempotencyKey,
  };
  return runStaffCommand(deps, actor, call, showCodec, async (tx, at) => {
    const { venueId, ...show } = await lockShowFor(tx, actor, showId, 'show.setPrices');
    const [screen] = await findScreensByIds(tx, [show.screenId]);
    const prices = priceSections(screen!, input.prices, { all: false });
    const before = await findShowPrices(tx, showId);
    await setShowPriceRows(tx, showId, prices);
    const price = (rows: readonly { section: string; amount: number }[]) =>
      Object.fromEntries(rows.map((p) => [p.section, p.amount]));
    await recordAudit(tx, {
      action: 'show.pricesChanged',
      actor,
      at,
      targetId: showId,
      venueId,
      showId,
      before: price(before),
      after: { ...price(before), ...price(prices) },
    });
    return show;
  });
}

/** Locks a show (not against holds) and checks the actor may take `action` at its venue. */
export async function lockShowFor(
  tx: Tx,
  actor: Viewer,
  showId: string,
  action: Action,
): Promise<ShowAtVenue> {
  const show = await lockShowAtVenue(tx, showId, { exclusive: false });
  if (!show) throw new NotFoundError('Show', showId);
  await assertCan(tx, actor, action, { venueId: show.venueId });
  return show;
}
