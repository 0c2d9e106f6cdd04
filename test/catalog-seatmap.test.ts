import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { bookSeatsDirectly, HOUR, holdSeatsDirectly, scheduleShow, tag } from './helpers/catalog.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

const SEAT_MAP = `query ($id: ID!) { show(id: $id) {
  seatMap { showId version
    seats { id label row number section price { amount currency } status accessible x y }
    sections { name tier price { amount currency } total available } }
  availability { total available held booked } } }`;

interface Seat {
  id: string;
  label: string;
  row: string;
  number: number;
  section: string;
  price: { amount: number; currency: string };
  status: string;
  accessible: boolean;
  x: number;
  y: number;
}
interface SeatMapResult {
  seatMap: { showId: string; version: number; seats: Seat[]; sections: Record<string, unknown>[] };
  availability: Record<string, number>;
}

let h: Harness;
let fx: ShowFixture;

async function read(showId: string): Promise<SeatMapResult> {
  const res = await h.exec<{ show: SeatMapResult }>(SEAT_MAP, { id: showId });
  expect(res.errors).toBeUndefined();
  return res.data!.show;
}
const idsOf = (seats: Seat[], labels: string[]) => labels.map((l) => seats.find((s) => s.label === l)!.id);

beforeAll(async () => {
  h = await createHarness();
  // Rows A,B are section S1 (PREMIUM, 1500); rows C,D are S2 (STANDARD, 1000). A1 and D5 are blocked.
  fx = await createShowFixture(h.services, {
    rows: 4,
    seatsPerRow: 5,
    sections: 2,
    blocked: [
      { row: 0, seat: 1 },
      { row: 3, seat: 5 },
    ],
  });
});
afterAll(() => h.close());

describe('seat map of a fresh show', () => {
  it('lists every seat in layout order with its section price', async () => {
    const { seatMap } = await read(fx.showId);
    expect(seatMap.showId).toBe(fx.showId);
    expect(seatMap.version).toBe(0);
    expect(seatMap.seats.map((s) => s.label)).toEqual(
      ['A', 'B', 'C', 'D'].flatMap((r) => [1, 2, 3, 4, 5].map((n) => `${r}${n}`)),
    );
    expect(seatMap.seats[0]).toEqual({
      id: expect.any(String),
      label: 'A1',
      row: 'A',
      number: 1,
      section: 'S1',
      price: { amount: 1500, currency: 'EUR' },
      status: 'BLOCKED',
      accessible: false,
      x: 0,
      y: 0,
    });
    const c3 = seatMap.seats.find((s) => s.label === 'C3')!;
    expect(c3).toMatchObject({
      section: 'S2',
      price: { amount: 1000, currency: 'EUR' },
      status: 'AVAILABLE',
      x: 2,
    });
    // One blank row between sections.
    expect(c3.y).toBe(3);
    expect(seatMap.seats.filter((s) => s.status === 'BLOCKED').map((s) => s.label)).toEqual(['A1', 'D5']);
  });

  it('lists sections in layout order with tier, price and counts (blocked seats excluded)', async () => {
    const { seatMap, availability } = await read(fx.showId);
    expect(seatMap.sections).toEqual([
      { name: 'S1', tier: 'PREMIUM', price: { amount: 1500, currency: 'EUR' }, total: 9, available: 9 },
      { name: 'S2', tier: 'STANDARD', price: { amount: 1000, currency: 'EUR' }, total: 9, available: 9 },
    ]);
    expect(availability).toEqual({ total: 18, available: 18, held: 0, booked: 0 });
  });

  it('gives seat ids unique to the show: another show on the same screen has other ids', async () => {
    const other = await scheduleShow(
      h.services,
      fx.eventId,
      fx.screenId,
      new Date(fx.startsAt.getTime() + 6 * HOUR),
      ['S1', 'S2'],
    );
    const a = (await read(fx.showId)).seatMap.seats.map((s) => s.id);
    const b = (await read(other.id)).seatMap.seats.map((s) => s.id);
    expect(new Set(a).size).toBe(20);
    expect(new Set([...a, ...b]).size).toBe(40);
  });

  it('reports accessible seats', async () => {
    const venue = await h.services.admin.createVenue(SYSTEM_ACTOR, {
      cityId: fx.cityId,
      name: `Access ${tag()}`,
    });
    const screen = await h.services.admin.createScreen(SYSTEM_ACTOR, {
      venueId: venue.id,
      name: 'Small',
      layout: { sections: [{ name: 'Floor', rows: [{ label: 'A', seats: 3, accessible: [2] }] }] },
    });
    const show = await scheduleShow(h.services, fx.eventId, screen.id, fx.startsAt, ['Floor']);
    const { seatMap } = await read(show.id);
    expect(seatMap.seats.map((s) => s.accessible)).toEqual([false, true, false]);
    expect(seatMap.sections).toEqual([
      { name: 'Floor', tier: 'Floor', price: { amount: 900, currency: 'EUR' }, total: 3, available: 3 },
    ]);
  });
});

describe('seat states', () => {
  it('shows HELD, BOOKED and expired holds (as AVAILABLE) in the seat map and availability', async () => {
    const show = await createShowFixture(h.services, {
      rows: 4,
      seatsPerRow: 5,
      sections: 2,
      blocked: [{ row: 0, seat: 1 }],
    });
    const before = (await read(show.showId)).seatMap.seats;
    const now = Date.now();
    await holdSeatsDirectly(h, show.showId, idsOf(before, ['B1', 'B2']), new Date(now + 10 * 60_000));
    await holdSeatsDirectly(h, show.showId, idsOf(before, ['C1', 'C2', 'C3']), new Date(now - 1000));
    await bookSeatsDirectly(h, show.showId, idsOf(before, ['D1']));
    await h.db.sql`update show_seat_versions set version = 7 where show_id = ${show.showId}`;

    const { seatMap, availability } = await read(show.showId);
    const status = Object.fromEntries(seatMap.seats.map((s) => [s.label, s.status]));
    expect([
      status['A1'],
      status['B1'],
      status['B2'],
      status['C1'],
      status['C3'],
      status['D1'],
      status['D2'],
    ]).toEqual(['BLOCKED', 'HELD', 'HELD', 'AVAILABLE', 'AVAILABLE', 'BOOKED', 'AVAILABLE']);
    expect(seatMap.version).toBe(7);
    expect(seatMap.sections.map((s) => [s['name'], s['total'], s['available']])).toEqual([
      ['S1', 9, 7],
      ['S2', 10, 9],
    ]);
    expect(availability).toEqual({ total: 19, available: 16, held: 2, booked: 1 });
    // The stored state still says HELD: only the worker releases, reads just treat it as free.
    const [stored] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from show_seats where show_id = ${show.showId} and status = 'HELD'`;
    expect(stored!.n).toBe(5);
  });
});

describe('seat map of a large show', () => {
  it('lists all 2,000 seats in layout order (completed a slice per event-loop turn: in-turns.ts)', async () => {
    const big = await createShowFixture(h.services, { rows: 40, seatsPerRow: 50 });
    const { seatMap } = await read(big.showId);
    expect(seatMap.seats).toHaveLength(2_000);
    expect(seatMap.seats.map((s) => s.label).slice(48, 52)).toEqual(['A49', 'A50', 'B1', 'B2']);
    expect(seatMap.seats.map((s) => s.label).slice(126, 130)).toEqual(['C27', 'C28', 'C29', 'C30']);
    expect(seatMap.seats.at(-1)).toMatchObject({ label: 'R4050', status: 'AVAILABLE' });
    expect(new Set(seatMap.seats.map((s) => s.id)).size).toBe(2_000);
  });
});
