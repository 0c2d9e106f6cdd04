import { isExclusionViolation } from '../../db/errors.js';
import { findEventsByIds } from '../../db/queries/events.js';
import { findScreensByIds } from '../../db/queries/screens.js';
import { insertShowWithInventory } from '../../db/queries/show-writes.js';
import type { ScreenRow, ShowRow } from '../../db/schema/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { assertCan, assertMayAct } from '../access/authorize.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import { runStaffCommand, type StaffCommandDeps } from '../staff-command.js';
import { parseDate, parseId, parseInteger } from '../validation.js';
import { assertSalesWindow } from './sales-window.js';
import { MAX_SECTIONS } from './screen-layout.js';
import { showCodec } from './show-codec.js';

/** Time between a show's end and the next show on the same screen (cleaning, seating). */
export const TURNOVER_MINUTES = 30;
const MAX_SCHEDULE_AHEAD_MS = 2 * 365 * 24 * 3600 * 1000;
/** 1,000,000.00 in a two-decimal currency: far above any ticket, far below int overflow. */
const MAX_PRICE = 100_000_000;

export interface SectionPriceInput {
  section: string;
  amount: number;
}

export interface ScheduleShowInput {
  eventId: string;
  screenId: string;
  startsAt: Date | string;
  prices: readonly SectionPriceInput[];
  currency: string;
  salesStartAt?: Date | string | null;
  salesEndAt?: Date | string | null;
  idempotencyKey?: string | null;
}

/**
 * Creates the show, its section prices and one show_seat per seat of the screen in one
 * transaction, with its sales window. Overlap with another live show on the screen is decided by
 * the database (exclusion constraint `shows_no_overlap_per_screen`), so two concurrent calls
 * cannot both win; with an idempotency key a retry returns the first show instead of a second.
 */
export async function scheduleShow(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: ScheduleShowInput,
): Promise<ShowRow> {
  await assertMayAct(deps.db, actor, 'show.schedule');
  const eventId = parseId(input.eventId, 'input.eventId');
  const screenId = parseId(input.screenId, 'input.screenId');
  const startsAt = parseStartsAt(input.startsAt, deps.clock.now());
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ValidationError('currency must be an ISO-4217 code such as "EUR"', 'input.currency');
  }
  const window = {
    startsAt,
    salesStartAt: input.salesStartAt == null ? null : parseDate(input.salesStartAt, 'input.salesStartAt'),
    salesEndAt: input.salesEndAt == null ? null : parseDate(input.salesEndAt, 'input.salesEndAt'),
  };
  assertSalesWindow(window);
  const normalised = { eventId, screenId, ...window, currency, prices: input.prices };
  const call = { operation: 'scheduleShow', input: normalised, idempotencyKey: input.idempotencyKey };
  return runStaffCommand(deps, actor, call, showCodec, async (tx, at) => {
    const [[event], [screen]] = await Promise.all([
      findEventsByIds(tx, [eventId]),
      findScreensByIds(tx, [screenId]),
    ]);
    if (!screen) throw new NotFoundError('Screen', screenId);
    await assertCan(tx, actor, 'show.schedule', { venueId: screen.venueId });
    if (!event || event.archivedAt) throw new NotFoundError('Event', eventId);
    const prices = priceSections(screen, input.prices, { all: true });
    const endsAt = new Date(startsAt.getTime() + (event.durationMinutes + TURNOVER_MINUTES) * 60_000);
    const show = await insertShowWithInventory(
      tx,
      { eventId, screenId, endsAt, currency, ...window },
      prices,
    ).catch((err: unknown) => {
      throw isExclusionViolation(err, 'shows_no_overlap_per_screen') ? overlapError() : err;
    });
    await recordAudit(tx, {
      action: 'show.scheduled',
      actor,
      at,
      targetId: show.id,
      venueId: screen.venueId,
      showId: show.id,
      after: { ...show, prices: prices.map((p) => ({ section: p.section, amount: p.amount })) },
    });
    return show;
  });
}

/** A start in the future, at most two years ahead. */
export function parseStartsAt(raw: Date | string, now: Date): Date {
  const startsAt = parseDate(raw, 'input.startsAt');
  if (startsAt.getTime() <= now.getTime())
    throw new ValidationError('startsAt must be in the future', 'input.startsAt');
  if (startsAt.getTime() > now.getTime() + MAX_SCHEDULE_AHEAD_MS) {
    throw new ValidationError('startsAt must be within two years', 'input.startsAt');
  }
  return startsAt;
}

export const overlapError = () =>
  new ValidationError('the screen has another show at that time', 'input.startsAt');

/**
 * Validates section prices against the screen: known sections, each at most once; with `all`,
 * every section of the screen needs exactly one price. Returned in layout order.
 */
export function priceSections(
  screen: ScreenRow,
  prices: readonly SectionPriceInput[],
  { all }: { all: boolean },
) {
  if (prices.length > MAX_SECTIONS)
    throw new ValidationError(`at most ${MAX_SECTIONS} prices`, 'input.prices');
  if (prices.length === 0) throw new ValidationError('give at least one price', 'input.prices');
  const known = new Set(screen.layout.map((s) => s.name));
  const bySection = new Map<string, number>();
  prices.forEach((p, i) => {
    const section = p.section.trim();
    if (bySection.has(section)) {
      throw new ValidationError(`section "${section}" is priced twice`, `input.prices[${i}].section`);
    }
    if (!known.has(section)) {
      throw new ValidationError(`the screen has no section "${section}"`, `input.prices[${i}].section`);
    }
    bySection.set(section, parseInteger(p.amount, `input.prices[${i}].amount`, 0, MAX_PRICE));
  });
  return screen.layout.flatMap((s, sortOrder) => {
    const amount = bySection.get(s.name);
    if (amount === undefined && all)
      throw new ValidationError(`section "${s.name}" has no price`, 'input.prices');
    return amount === undefined ? [] : [{ section: s.name, tier: s.tier, amount, sortOrder }];
  });
}
