import type { NewSeat } from '../../db/queries/screens.js';
import type { ScreenSectionLayout } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import { parseText } from '../validation.js';

export interface LayoutInput {
  sections: {
    name: string;
    tier?: string | null;
    rows: { label: string; seats: number; blocked?: readonly number[] | null; accessible?: readonly number[] | null }[];
  }[];
}

const MAX_SECTIONS = 50;
const MAX_ROWS = 200;
const MAX_SEATS_PER_ROW = 500;
/** Large enough for a stadium stand or the 20,000-seat benchmark show. */
export const MAX_SCREEN_SEATS = 50_000;

/**
 * Validates a layout and expands it into seats. Rows run front to back across sections
 * (y grows by one per row, plus one blank row between sections); seats are centred on x.
 */
export function expandLayout(input: LayoutInput): { layout: ScreenSectionLayout[]; seats: NewSeat[] } {
  if (input.sections.length < 1 || input.sections.length > MAX_SECTIONS) {
    throw new ValidationError(`layout needs 1 to ${MAX_SECTIONS} sections`, 'layout.sections');
  }
  const sectionNames = new Set<string>();
  const rowLabels = new Set<string>();
  const layout: ScreenSectionLayout[] = [];
  let rowCount = 0;
  let seatCount = 0;
  let widest = 0;

  input.sections.forEach((section, si) => {
    const at = `layout.sections[${si}]`;
    const name = parseText(section.name, `${at}.name`, { max: 40 });
    if (sectionNames.has(name)) throw new ValidationError(`section "${name}" appears twice`, `${at}.name`);
    sectionNames.add(name);
    const tier = section.tier == null ? name : parseText(section.tier, `${at}.tier`, { max: 40 });
    if (section.rows.length < 1) throw new ValidationError('a section needs at least one row', `${at}.rows`);
    const rows = section.rows.map((row, ri) => {
      const rat = `${at}.rows[${ri}]`;
      const label = parseText(row.label, `${rat}.label`, { max: 8 });
      if (rowLabels.has(label)) throw new ValidationError(`row "${label}" appears twice`, `${rat}.label`);
      rowLabels.add(label);
      if (!Number.isInteger(row.seats) || row.seats < 1 || row.seats > MAX_SEATS_PER_ROW) {
        throw new ValidationError(`a row has 1 to ${MAX_SEATS_PER_ROW} seats`, `${rat}.seats`);
      }
      const blocked = seatNumbers(row.blocked, row.seats, `${rat}.blocked`);
      const accessible = seatNumbers(row.accessible, row.seats, `${rat}.accessible`);
      rowCount += 1;
      seatCount += row.seats;
      widest = Math.max(widest, row.seats);
      return { label, seats: row.seats, blocked, accessible };
    });
    layout.push({ name, tier, rows });
  });
  if (rowCount > MAX_ROWS) throw new ValidationError(`a screen has at most ${MAX_ROWS} rows`, 'layout.sections');
  if (seatCount > MAX_SCREEN_SEATS) {
    throw new ValidationError(`a screen has at most ${MAX_SCREEN_SEATS} seats`, 'layout.sections');
  }

  const seats: NewSeat[] = [];
  let y = 0;
  for (const section of layout) {
    for (const row of section.rows) {
      const offset = Math.floor((widest - row.seats) / 2);
      const blocked = new Set(row.blocked);
      const accessible = new Set(row.accessible);
      for (let n = 1; n <= row.seats; n++) {
        seats.push({
          section: section.name,
          row: row.label,
          number: n,
          label: `${row.label}${n}`,
          x: offset + n - 1,
          y,
          accessible: accessible.has(n),
          blocked: blocked.has(n),
        });
      }
      y += 1;
    }
    y += 1; // an aisle between sections
  }
  return { layout, seats };
}

function seatNumbers(values: readonly number[] | null | undefined, max: number, field: string): number[] {
  const list = [...(values ?? [])];
  for (const n of list) {
    if (!Number.isInteger(n) || n < 1 || n > max) throw new ValidationError(`seat ${n} is not in the row`, field);
  }
  if (new Set(list).size !== list.length) throw new ValidationError('a seat number appears twice', field);
  return list.sort((a, b) => a - b);
}

/** Sellable seats: everything not blocked. */
export function capacityOf(seats: readonly NewSeat[]): number {
  return seats.filter((s) => !s.blocked).length;
}
