import type { Db } from '../../db/client.js';
import { isExclusionViolation } from '../../db/errors.js';
import { findEventsByIds } from '../../db/queries/events.js';
import { findScreensByIds } from '../../db/queries/screens.js';
import { insertShowWithInventory } from '../../db/queries/shows.js';
import type { ScreenRow, ShowRow } from '../../db/schema/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import type { Clock } from '../clock.js';
import { parseDate, parseId, parseInteger } from '../validation.js';
import { MAX_SECTIONS } from './screen-layout.js';

/** Time between a show's end and the next show on the same screen (cleaning, seating). */
export const TURNOVER_MINUTES = 30;
const MAX_SCHEDULE_AHEAD_MS = 2 * 365 * 24 * 3600 * 1000;
/** 1,000,000.00 in a two-decimal currency: far above any ticket, far below int overflow. */
const MAX_PRICE = 100_000_000;

export interface ScheduleShowInput {
  eventId: string;
  screenId: string;
  startsAt: Date | string;
  prices: readonly { section: string; amount: number }[];
  currency: string;
}

/**
 * Creates the show, its section prices and one show_seat per seat of the screen in one
 * transaction. Overlap with another live show on the screen is decided by the database
 * (exclusion constraint `shows_no_overlap_per_screen`), so two concurrent calls cannot both win.
 */
export async function scheduleShow(
  deps: { db: Db; clock: Clock },
  input: ScheduleShowInput,
): Promise<ShowRow> {
  const { db, clock } = deps;
  const eventId = parseId(input.eventId, 'input.eventId');
  const screenId = parseId(input.screenId, 'input.screenId');
  const startsAt = parseDate(input.startsAt, 'input.startsAt');
  const now = clock.now().getTime();
  if (startsAt.getTime() <= now)
    throw new ValidationError('startsAt must be in the future', 'input.startsAt');
  if (startsAt.getTime() > now + MAX_SCHEDULE_AHEAD_MS) {
    throw new ValidationError('startsAt must be within two years', 'input.startsAt');
  }
  const currency = input.currency.trim().toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) {
    throw new ValidationError('currency must be an ISO-4217 code such as "EUR"', 'input.currency');
  }

  const [[event], [screen]] = await Promise.all([
    findEventsByIds(db, [eventId]),
    findScreensByIds(db, [screenId]),
  ]);
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
      throw new ValidationError('the screen has another show at that time', 'input.startsAt');
    }
    throw err;
  }
}

/** Every section of the screen needs exactly one price; unknown sections are an error. */
function priceSections(screen: ScreenRow, prices: ScheduleShowInput['prices']) {
  if (prices.length > MAX_SECTIONS)
    throw new ValidationError(`at most ${MAX_SECTIONS} prices`, 'input.prices');
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
  return screen.layout.map((s, sortOrder) => {
    const amount = bySection.get(s.name);
    if (amount === undefined) throw new ValidationError(`section "${s.name}" has no price`, 'input.prices');
    return { section: s.name, tier: s.tier, amount, sortOrder };
  });
}
