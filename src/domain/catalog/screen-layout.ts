import type { NewSeat } from '../../db/queries/screens.js';
import type { ScreenSectionLayout } from '../../db/schema/index.js';
import { ValidationError } from '../../errors.js';
import { parseText } from '../validation.js';

export interface LayoutInput {
  sections: readonly {
    name: string;
    tier?: string | null;
    rows: readonly {
      label: string;
      seats: number;
      blocked?: readonly number[] | null;
      accessible?: readonly number[] | null;
    }[];
  }[];
}

export const MAX_SECTIONS = 50;
export const MAX_ROWS = 200;
export const MAX_SEATS_PER_ROW = 500;
/** Large enough for a stadium stand or the 20,000-seat benchmark show. */
export const MAX_SCREEN_SEATS = 50_000;

/**
 * Validates a layout and expands it into seats. Rows run front to back across sections
 * (y grows by one per row, plus one blank row between sections); seats are centred on x.
 * `path` prefixes `extensions.field` so errors name the GraphQL argument (`input.layout...`).
 */
export function expandLayout(
  input: LayoutInput,
  path = 'layout',
): { layout: ScreenSectionLayout[]; seats: NewSeat[] } {
  if (input.sections.length < 1 || input.sections.length > MAX_SECTIONS) {
    throw new ValidationError(`a layout has 1 to ${MAX_SECTIONS} sections`, `${path}.sections`);
  }
  const sectionNames = new Set<string>();
  const rowLabels = new Set<string>();
  const layout: ScreenSectionLayout[] = [];
  let rowCount = 0;
  let seatCount = 0;

  input.sections.forEach((section, si) => {
    const at = `${path}.sections[${si}]`;
    const name = parseText(section.name, `${at}.name`, { max: 40 });
    if (sectionNames.has(name)) throw new ValidationError(`section "${name}" appears twice`, `${at}.name`);
    sectionNames.add(name);
    const tier = section.tier == null ? name : parseText(section.tier, `${at}.tier`, { max: 40 });
    if (section.rows.length < 1) throw new ValidationError('a section needs at least one row', `${at}.rows`);
    // Checked before walking the rows, so an oversized list costs nothing.
    rowCount += section.rows.length;
    if (rowCount > MAX_ROWS) throw new ValidationError(`a screen has at most ${MAX_ROWS} rows`, `${at}.rows`);
    const rows = section.rows.map((row, ri) => {
      const rat = `${at}.rows[${ri}]`;
      const label = parseText(row.label, `${rat}.label`, { max: 8 });
      if (rowLabels.has(label)) throw new ValidationError(`row "${label}" appears twice`, `${rat}.label`);
      rowLabels.add(label);
      if (!Number.isInteger(row.seats) || row.seats < 1 || row.seats > MAX_SEATS_PER_ROW) {
        throw new ValidationError(`a row has 1 to ${MAX_SEATS_PER_ROW} seats`, `${rat}.seats`);
      }
      seatCount += row.seats;
      if (seatCount > MAX_SCREEN_SEATS) {
        throw new ValidationError(`a screen has at most ${MAX_SCREEN_SEATS} seats`, `${rat}.seats`);
      }
      const blocked = seatNumbers(row.blocked, row.seats, `${rat}.blocked`);
      const accessible = seatNumbers(row.accessible, row.seats, `${rat}.accessible`);
      return { label, seats: row.seats, blocked, accessible };
    });
    layout.push({ name, tier, rows });
  });

  const seats = placeSeats(layout, path);
  if (capacityOf(seats) === 0) throw new ValidationError('every seat is blocked', `${path}.sections`);
  return { layout, seats };
}

function placeSeats(layout: ScreenSectionLayout[], path: string): NewSeat[] {
  const widest = Math.max(...layout.flatMap((s) => s.rows.map((r) => r.seats)));
  const labels = new Set<string>();
  const seats: NewSeat[] = [];
  let y = 0;
  layout.forEach((section, si) => {
    section.rows.forEach((row, ri) => {
      const offset = Math.floor((widest - row.seats) / 2);
      const blocked = new Set(row.blocked);
      const accessible = new Set(row.accessible);
      for (let n = 1; n <= row.seats; n++) {
        const label = `${row.label}${n}`;
        // Row "A1" seat 1 and row "A" seat 11 would both read "A11": a buyer could not tell them apart.
        if (labels.has(label)) {
          throw new ValidationError(
            `seat label "${label}" would be ambiguous`,
            `${path}.sections[${si}].rows[${ri}].label`,
          );
        }
        labels.add(label);
        seats.push({
          section: section.name,
          row: row.label,
          number: n,
          label,
          x: offset + n - 1,
          y,
          accessible: accessible.has(n),
          blocked: blocked.has(n),
        });
      }
      y += 1;
    });
    y += 1; // an aisle between sections
  });
  return seats;
}

function seatNumbers(values: readonly number[] | null | undefined, max: number, field: string): number[] {
  const list = [...(values ?? [])];
  if (list.length > max) throw new ValidationError('more seat numbers than seats in the row', field);
  for (const n of list) {
    if (!Number.isInteger(n) || n < 1 || n > max)
      throw new ValidationError(`seat ${n} is not in the row (1-${max})`, field);
  }
  if (new Set(list).size !== list.length) throw new ValidationError('a seat number appears twice', field);
  return list.sort((a, b) => a - b);
}

/** Sellable seats: everything not blocked. */
export function capacityOf(seats: readonly NewSeat[]): number {
  return seats.filter((s) => !s.blocked).length;
}
