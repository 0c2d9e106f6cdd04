import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import {
  CANCEL_SHOW,
  CREATE_CITY,
  CREATE_EVENT,
  CREATE_SCREEN,
  CREATE_VENUE,
  createPlaces,
  expectData,
  expectError,
  inDays,
  PRICES,
  SCHEDULE_SHOW,
  tag,
} from './helpers/admin-ops.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

let h: Harness;
let places: Awaited<ReturnType<typeof createPlaces>>;
let customer: Viewer;
let admin: Viewer;
let day = 10;

beforeAll(async () => {
  h = await createHarness();
  places = await createPlaces(h);
  customer = await h.customer();
  admin = await h.admin();
});
afterAll(() => h.close());

interface Case {
  field: string;
  query: string;
  /** Fresh variables for each call, so the admin call never collides with an earlier one. */
  variables: () => Promise<Record<string, unknown>> | Record<string, unknown>;
  table: string;
}

const cases: Case[] = [
  {
    field: 'createCity',
    query: CREATE_CITY,
    variables: () => ({ input: { name: `City ${tag()}`, country: 'DE' } }),
    table: 'cities',
  },
  {
    field: 'createVenue',
    query: CREATE_VENUE,
    variables: () => ({ input: { cityId: places.city.id, name: `Venue ${tag()}` } }),
    table: 'venues',
  },
  {
    field: 'createScreen',
    query: CREATE_SCREEN,
    variables: () => ({
      input: {
        venueId: places.venue.id,
        name: `Screen ${tag()}`,
        layout: { sections: [{ name: 'All', rows: [{ label: 'A', seats: 3 }] }] },
      },
    }),
    table: 'screens',
  },
  {
    field: 'createEvent',
    query: CREATE_EVENT,
    variables: () => ({ input: { kind: 'CONCERT', title: `Gig ${tag()}`, durationMinutes: 90 } }),
    table: 'events',
  },
  {
    field: 'scheduleShow',
    query: SCHEDULE_SHOW,
    variables: () => ({
      input: {
        eventId: places.event.id,
        screenId: places.screen.id,
        startsAt: inDays((day += 1)).toISOString(),
        prices: PRICES,
        currency: 'EUR',
      },
    }),
    table: 'shows',
  },
  {
    field: 'cancelShow',
    query: CANCEL_SHOW,
    variables: async () => {
      const show = await h.services.admin.scheduleShow(SYSTEM_ACTOR, {
        eventId: places.event.id,
        screenId: places.screen.id,
        startsAt: inDays((day += 1)),
        prices: PRICES,
        currency: 'EUR',
      });
      return { showId: show.id };
    },
    table: `shows where status = 'CANCELLED'`,
  },
];

async function count(table: string): Promise<number> {
  const [row] = await h.db.sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table}`);
  return row!.n;
}

describe.each(cases)('$field', ({ field, query, variables, table }) => {
  it('anonymous: UNAUTHENTICATED, nothing written', async () => {
    const vars = await variables();
    const before = await count(table);
    const res = await h.exec(query, vars, null);
    expectError(res, 'UNAUTHENTICATED');
    expect(res.data).toBeNull();
    expect(await count(table)).toBe(before);
  });

  it('customer: FORBIDDEN, nothing written', async () => {
    const vars = await variables();
    const before = await count(table);
    expectError(await h.exec(query, vars, customer), 'FORBIDDEN');
    expect(await count(table)).toBe(before);
  });

  it('admin: succeeds', async () => {
    const vars = await variables();
    const before = await count(table);
    const data = expectData(await h.exec<Record<string, { id: string }>>(query, vars, admin));
    expect(data[field]?.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(await count(table)).toBe(before + 1);
  });

  it('checks the role before the input: a customer with malformed input is FORBIDDEN', async () => {
    const vars = JSON.parse(JSON.stringify(await variables()).replace(/"[0-9a-f-]{36}"/g, '"not-an-id"'));
    expectError(await h.exec(query, vars, customer), 'FORBIDDEN');
  });
});
