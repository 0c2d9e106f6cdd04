import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import {
  CANCEL_SHOW,
  createPlaces,
  expectData,
  expectError,
  inDays,
  PRICES,
  SCHEDULE_SHOW,
} from './helpers/admin-ops.js';
import { createHarness, type Harness } from './helpers/harness.js';

let h: Harness;
let admin: Viewer;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.admin();
});
afterAll(() => h.close());

const HOUR = 3600_000;
const schedule = (input: Record<string, unknown>) => h.exec(SCHEDULE_SHOW, { input }, admin);
const showInput = (places: Awaited<ReturnType<typeof createPlaces>>, startsAt: Date, patch: object = {}) => ({
  eventId: places.event.id,
  screenId: places.screen.id,
  startsAt: startsAt.toISOString(),
  prices: PRICES,
  currency: 'EUR',
  ...patch,
});

describe('scheduleShow', () => {
  let places: Awaited<ReturnType<typeof createPlaces>>;
  beforeAll(async () => {
    places = await createPlaces(h);
  });

  it('creates the whole seat inventory: one show_seat per seat, BLOCKED for blocked seats', async () => {
    const startsAt = inDays(3);
    const data = expectData(await schedule(showInput(places, startsAt, { currency: 'eur' })));
    const show = data.scheduleShow;
    expect(show).toMatchObject({ startsAt: startsAt.toISOString(), currency: 'EUR' });
    // 120-minute event + 30 minutes turnover.
    expect(new Date(show.endsAt).getTime() - startsAt.getTime()).toBe(150 * 60_000);

    const [seatCount] = await h.db.sql<{ n: number }[]>`
      select count(*)::int as n from seats where screen_id = ${places.screen.id}`;
    const byStatus = await h.db.sql<{ status: string; n: number }[]>`
      select status, count(*)::int as n from show_seats where show_id = ${show.id} group by status order by status`;
    expect(byStatus).toEqual([
      { status: 'AVAILABLE', n: 38 },
      { status: 'BLOCKED', n: 2 },
    ]);
    expect(byStatus.reduce((sum, r) => sum + r.n, 0)).toBe(seatCount!.n);
    const blocked = await h.db.sql`
      select s.label from show_seats ss join seats s on s.id = ss.seat_id
      where ss.show_id = ${show.id} and ss.status = 'BLOCKED' order by s.label`;
    expect(blocked.map((r) => r['label'])).toEqual(['B1', 'B10']);
    const prices = await h.db
      .sql`select section, tier, amount from show_prices where show_id = ${show.id} order by sort_order`;
    expect(prices).toEqual([
      { section: 'Premium', tier: 'Premium', amount: 1500 },
      { section: 'Standard', tier: 'Standard', amount: 1000 },
    ]);
  });

  it.each([
    ['a missing section price', { prices: [{ section: 'Premium', amount: 1500 }] }, 'input.prices'],
    ['no prices', { prices: [] }, 'input.prices'],
    [
      'an unknown section',
      { prices: [...PRICES, { section: 'Balcony', amount: 1 }] },
      'input.prices[2].section',
    ],
    ['a section priced twice', { prices: [PRICES[0], PRICES[0], PRICES[1]] }, 'input.prices[1].section'],
    [
      'a negative price',
      { prices: [{ section: 'Premium', amount: -1 }, PRICES[1]] },
      'input.prices[0].amount',
    ],
    ['a currency name', { currency: 'Euro' }, 'input.currency'],
    ['a currency symbol', { currency: '€' }, 'input.currency'],
    ['a malformed event id', { eventId: 'abc' }, 'input.eventId'],
    ['a malformed screen id', { screenId: '00000000-0000-0000-0000-00000000000g' }, 'input.screenId'],
  ])('rejects %s', async (_what, patch, field) => {
    expectError(await schedule(showInput(places, inDays(40), patch)), 'BAD_USER_INPUT', field);
  });

  it('rejects a start in the past or more than two years ahead', async () => {
    expectError(
      await schedule(showInput(places, new Date(Date.now() - HOUR))),
      'BAD_USER_INPUT',
      'input.startsAt',
    );
    expectError(await schedule(showInput(places, inDays(800))), 'BAD_USER_INPUT', 'input.startsAt');
  });

  it.each(['not-a-date', '2026-02-30T19:00:00Z', '2030-01-01', '', '2030-01-01T25:00:00Z'])(
    'rejects startsAt %j given as a variable with BAD_USER_INPUT',
    async (startsAt) => {
      expectError(
        await schedule({ ...showInput(places, inDays(41)), startsAt }),
        'BAD_USER_INPUT',
        'input.startsAt',
      );
    },
  );

  it('rejects a bad date literal in the document with BAD_USER_INPUT', async () => {
    const query = `mutation { scheduleShow(input: { eventId: "${places.event.id}", screenId: "${places.screen.id}",
      startsAt: "yesterday", prices: [], currency: "EUR" }) { id } }`;
    expectError(await h.exec(query, {}, admin), 'BAD_USER_INPUT');
  });

  it('NOT_FOUND for an unknown event or screen', async () => {
    const eventId = randomUUID();
    const e1 = expectError(await schedule(showInput(places, inDays(42), { eventId })), 'NOT_FOUND');
    expect(e1.extensions).toMatchObject({ entity: 'Event', id: eventId });
    const e2 = expectError(
      await schedule(showInput(places, inDays(42), { screenId: randomUUID() })),
      'NOT_FOUND',
    );
    expect(e2.extensions?.['entity']).toBe('Screen');
  });
});

describe('overlapping shows on one screen', () => {
  let places: Awaited<ReturnType<typeof createPlaces>>;
  beforeAll(async () => {
    places = await createPlaces(h);
  });
  const liveShows = async () =>
    (
      await h.db
        .sql`select count(*)::int as n from shows where screen_id = ${places.screen.id} and status <> 'CANCELLED'`
    )[0]!['n'];

  it('rejects a show that starts before the previous one (plus turnover) ends; allows one right after', async () => {
    const t = inDays(5, 14);
    expectData(await schedule(showInput(places, t)));
    const overlap = await schedule(showInput(places, new Date(t.getTime() + 2 * HOUR)));
    expect(expectError(overlap, 'BAD_USER_INPUT', 'input.startsAt').message).toMatch(/another show/);
    expectError(
      await schedule(showInput(places, new Date(t.getTime() - HOUR))),
      'BAD_USER_INPUT',
      'input.startsAt',
    );
    expectData(await schedule(showInput(places, new Date(t.getTime() + 2.5 * HOUR))));
    expect(await liveShows()).toBe(2);
  });

  it('allows the same time on another screen', async () => {
    const t = inDays(6, 14);
    const other = await createPlaces(h);
    expectData(await schedule(showInput(places, t)));
    expectData(await schedule(showInput(other, t, { eventId: places.event.id })));
  });

  it('concurrent race: of five overlapping scheduleShow calls exactly one wins', async () => {
    const t = inDays(7, 14);
    const before = await liveShows();
    const results = await Promise.all(
      [0, 10, 20, 30, 40].map((min) => schedule(showInput(places, new Date(t.getTime() + min * 60_000)))),
    );
    const wins = results.filter((r) => !r.errors);
    expect(wins).toHaveLength(1);
    for (const r of results.filter((x) => x.errors)) expectError(r, 'BAD_USER_INPUT', 'input.startsAt');
    expect(await liveShows()).toBe(before + 1);
    // The losers left no inventory behind.
    const orphans = await h.db.sql`
      select count(*)::int as n from show_seats ss join shows s on s.id = ss.show_id
      where s.screen_id = ${places.screen.id}
        and s.starts_at >= ${t.toISOString()}::timestamptz and s.starts_at < ${t.toISOString()}::timestamptz + interval '1 hour'`;
    expect(orphans[0]!['n']).toBe(40);
  });

  it('a cancelled show does not block a new show in the same slot', async () => {
    const t = inDays(8, 14);
    const first = expectData(await schedule(showInput(places, t))).scheduleShow;
    expectError(await schedule(showInput(places, t)), 'BAD_USER_INPUT', 'input.startsAt');
    expectData(await h.exec(CANCEL_SHOW, { showId: first.id }, admin));
    const second = expectData(await schedule(showInput(places, t))).scheduleShow;
    expect(second.id).not.toBe(first.id);
  });
});

describe('cancelShow', () => {
  let places: Awaited<ReturnType<typeof createPlaces>>;
  beforeAll(async () => {
    places = await createPlaces(h);
  });

  it('marks the show cancelled, idempotently', async () => {
    const show = expectData(await schedule(showInput(places, inDays(9)))).scheduleShow;
    const first = expectData(await h.exec(CANCEL_SHOW, { showId: show.id }, admin));
    expect(first.cancelShow).toEqual({ id: show.id, status: 'CANCELLED' });
    const [row1] = await h.db.sql`select status, cancelled_at from shows where id = ${show.id}`;
    const again = expectData(await h.exec(CANCEL_SHOW, { showId: show.id.toUpperCase() }, admin));
    expect(again.cancelShow).toEqual({ id: show.id, status: 'CANCELLED' });
    const [row2] = await h.db.sql`select status, cancelled_at from shows where id = ${show.id}`;
    expect(row2).toEqual(row1);
    expect(row1!['status']).toBe('CANCELLED');
  });

  it('NOT_FOUND for an unknown show, BAD_USER_INPUT for a malformed id', async () => {
    const showId = randomUUID();
    expect(expectError(await h.exec(CANCEL_SHOW, { showId }, admin), 'NOT_FOUND').extensions).toMatchObject({
      entity: 'Show',
      id: showId,
    });
    expectError(await h.exec(CANCEL_SHOW, { showId: 'show-1' }, admin), 'BAD_USER_INPUT', 'showId');
  });
});
