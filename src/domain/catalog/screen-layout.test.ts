import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../errors.js';
import { capacityOf, expandLayout, MAX_SCREEN_SEATS, type LayoutInput } from './screen-layout.js';

function fieldOf(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(ValidationError);
    return (err as ValidationError).details['field'];
  }
  throw new Error('expected a ValidationError');
}

const row = (label: string, seats: number, extra: object = {}) => ({ label, seats, ...extra });

describe('expandLayout', () => {
  const input: LayoutInput = {
    sections: [
      {
        name: 'Stalls',
        tier: 'PREMIUM',
        rows: [row('A', 4, { blocked: [4, 1] }), row('B', 6, { accessible: [3] })],
      },
      { name: 'Circle', rows: [row('C', 2)] },
    ],
  };

  it('labels seats row + number and numbers them 1..n per row', () => {
    const { seats } = expandLayout(input);
    expect(seats.map((s) => s.label)).toEqual([
      'A1',
      'A2',
      'A3',
      'A4',
      'B1',
      'B2',
      'B3',
      'B4',
      'B5',
      'B6',
      'C1',
      'C2',
    ]);
    expect(seats.filter((s) => s.row === 'B').map((s) => s.number)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(seats.map((s) => s.section))).toEqual(new Set(['Stalls', 'Circle']));
  });

  it('centres rows on x and leaves an aisle row between sections on y', () => {
    const { seats } = expandLayout(input);
    const at = (label: string) => seats.find((s) => s.label === label)!;
    // The widest row (B, 6 seats) spans x 0..5; A (4 seats) is shifted by 1, C (2 seats) by 2.
    expect([at('B1').x, at('B6').x]).toEqual([0, 5]);
    expect([at('A1').x, at('A4').x]).toEqual([1, 4]);
    expect([at('C1').x, at('C2').x]).toEqual([2, 3]);
    expect([at('A1').y, at('B1').y, at('C1').y]).toEqual([0, 1, 3]);
    const positions = new Set(seats.map((s) => `${s.x},${s.y}`));
    expect(positions.size).toBe(seats.length);
  });

  it('flags blocked and accessible seats, and capacity excludes blocked ones', () => {
    const { seats, layout } = expandLayout(input);
    expect(seats.filter((s) => s.blocked).map((s) => s.label)).toEqual(['A1', 'A4']);
    expect(seats.filter((s) => s.accessible).map((s) => s.label)).toEqual(['B3']);
    expect(capacityOf(seats)).toBe(10);
    expect(layout[0]!.rows[0]!.blocked).toEqual([1, 4]); // stored sorted
    expect(layout.map((s) => s.tier)).toEqual(['PREMIUM', 'Circle']); // tier defaults to the name
  });

  it('trims names and labels', () => {
    const { layout, seats } = expandLayout({ sections: [{ name: ' Main ', rows: [row(' A ', 1)] }] });
    expect(layout[0]!.name).toBe('Main');
    expect(seats[0]!.label).toBe('A1');
  });

  const one = (...rows: LayoutInput['sections'][number]['rows']) => ({ sections: [{ name: 'S', rows }] });
  const L = 'input.layout.sections';
  it.each([
    ['no sections', { sections: [] }, L],
    [
      'a duplicate section',
      { sections: [...one(row('A', 1)).sections, ...one(row('B', 1)).sections] },
      `${L}[1].name`,
    ],
    [
      'a duplicate row across sections',
      {
        sections: [
          { name: 'S', rows: [row('A', 1)] },
          { name: 'T', rows: [row('A', 1)] },
        ],
      },
      `${L}[1].rows[0].label`,
    ],
    ['a section without rows', one(), `${L}[0].rows`],
    ['an empty row label', one(row(' ', 1)), `${L}[0].rows[0].label`],
    ['zero seats', one(row('A', 2), row('B', 0)), `${L}[0].rows[1].seats`],
    ['501 seats in a row', one(row('A', 501)), `${L}[0].rows[0].seats`],
    ['a blocked seat past the row end', one(row('A', 5, { blocked: [6] })), `${L}[0].rows[0].blocked`],
    ['accessible seat 0', one(row('A', 5, { accessible: [0] })), `${L}[0].rows[0].accessible`],
    ['a repeated blocked seat', one(row('A', 5, { blocked: [2, 2] })), `${L}[0].rows[0].blocked`],
    ['every seat blocked', one(row('A', 2, { blocked: [1, 2] })), L],
    ['ambiguous seat labels (A + 11 = A1 + 1)', one(row('A', 12), row('A1', 3)), `${L}[0].rows[1].label`],
  ])('rejects %s', (_what, layout, field) => {
    expect(fieldOf(() => expandLayout(layout as LayoutInput, 'input.layout'))).toBe(field);
  });

  it('rejects more than 200 rows and more than the seat cap', () => {
    const rows = Array.from({ length: 201 }, (_, i) => row(`R${i}`, 1));
    expect(fieldOf(() => expandLayout({ sections: [{ name: 'S', rows }] }))).toBe('layout.sections[0].rows');
    const big = Array.from({ length: MAX_SCREEN_SEATS / 500 + 1 }, (_, i) => row(`R${i}x`, 500));
    expect(fieldOf(() => expandLayout({ sections: [{ name: 'S', rows: big }] }))).toBe(
      `layout.sections[0].rows[${MAX_SCREEN_SEATS / 500}].seats`,
    );
  });

  it('accepts the largest allowed screen', () => {
    const rows = Array.from({ length: MAX_SCREEN_SEATS / 500 }, (_, i) => row(`R${i}x`, 500));
    expect(expandLayout({ sections: [{ name: 'S', rows }] }).seats).toHaveLength(MAX_SCREEN_SEATS);
  });
});
