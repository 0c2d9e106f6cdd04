import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Viewer } from '../src/domain/auth/tokens.js';
import {
  CREATE_CITY,
  CREATE_EVENT,
  CREATE_SCREEN,
  CREATE_VENUE,
  createPlaces,
  expectData,
  expectError,
  tag,
} from './helpers/admin-ops.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

let h: Harness;
let admin: Viewer;
let places: Awaited<ReturnType<typeof createPlaces>>;

beforeAll(async () => {
  h = await createHarness();
  admin = await h.admin();
  places = await createPlaces(h);
});
afterAll(() => h.close());

const run = (query: string, input: Record<string, unknown>) => h.exec(query, { input }, admin);

describe('createCity', () => {
  it('stores the country upper-cased and the time zone in its canonical spelling', async () => {
    const name = `Lyon ${tag()}`;
    const data = expectData(
      await run(CREATE_CITY, { name: `  ${name} `, country: 'fr', timezone: 'europe/paris' }),
    );
    expect(data.createCity).toMatchObject({ name, country: 'FR', timezone: 'Europe/Paris' });
  });

  it('defaults the time zone to UTC', async () => {
    const data = expectData(await run(CREATE_CITY, { name: `Town ${tag()}`, country: 'GB' }));
    expect(data.createCity.timezone).toBe('UTC');
  });

  it.each([
    ['a country name', { country: 'Germany' }, 'input.country'],
    ['a country with a digit', { country: 'D1' }, 'input.country'],
    ['an empty country', { country: '' }, 'input.country'],
    ['an unknown time zone', { timezone: 'Mars/Olympus_Mons' }, 'input.timezone'],
    ['a UTC offset as time zone', { timezone: '+01:00' }, 'input.timezone'],
    ['an empty name', { name: '   ' }, 'input.name'],
    ['a name of 101 characters', { name: 'x'.repeat(101) }, 'input.name'],
    ['a NUL byte in the name', { name: 'Ber\u0000lin' }, 'input.name'],
    ['a 1 MB name', { name: 'x'.repeat(1_000_000) }, 'input.name'],
  ])('rejects %s', async (_what, patch, field) => {
    const res = await run(CREATE_CITY, { name: `City ${tag()}`, country: 'DE', ...patch });
    expectError(res, 'BAD_USER_INPUT', field);
  });

  it('rejects a duplicate name in the same country, allows it in another', async () => {
    const name = `Springfield ${tag()}`;
    expectData(await run(CREATE_CITY, { name, country: 'US' }));
    expectError(await run(CREATE_CITY, { name, country: 'us' }), 'BAD_USER_INPUT', 'input.name');
    expectData(await run(CREATE_CITY, { name, country: 'CA' }));
  });
});

describe('createVenue', () => {
  it('creates a venue in a city', async () => {
    const name = `Olympia ${tag()}`;
    const data = expectData(
      await run(CREATE_VENUE, { cityId: places.city.id, name, address: ' 28 Bd des Capucines ' }),
    );
    expect(data.createVenue).toMatchObject({ name, address: '28 Bd des Capucines' });
  });

  it('NOT_FOUND for an unknown city', async () => {
    const cityId = randomUUID();
    const err = expectError(await run(CREATE_VENUE, { cityId, name: 'Nowhere' }), 'NOT_FOUND');
    expect(err.extensions).toMatchObject({ entity: 'City', id: cityId });
  });

  it.each([
    ['a malformed city id', { cityId: 'city-1' }, 'input.cityId'],
    ['an injection attempt as id', { cityId: "1' or '1'='1" }, 'input.cityId'],
    ['an empty name', { name: '' }, 'input.name'],
    ['a 501-character address', { address: 'a'.repeat(501) }, 'input.address'],
  ])('rejects %s', async (_what, patch, field) => {
    const res = await run(CREATE_VENUE, { cityId: places.city.id, name: `V ${tag()}`, ...patch });
    expectError(res, 'BAD_USER_INPUT', field);
  });
});

describe('createScreen', () => {
  const layout = {
    sections: [
      {
        name: 'Stalls',
        tier: 'STANDARD',
        rows: [
          { label: 'A', seats: 8, blocked: [1], accessible: [2, 3] },
          { label: 'B', seats: 10 },
        ],
      },
      { name: 'Balcony', tier: 'PREMIUM', rows: [{ label: 'C', seats: 6 }] },
    ],
  };

  it('creates the screen and every seat; capacity counts sellable seats', async () => {
    const data = expectData(
      await run(CREATE_SCREEN, { venueId: places.venue.id, name: `Hall ${tag()}`, layout }),
    );
    expect(data.createScreen.capacity).toBe(23);
    const seats = await h.db.sql<{ label: string; blocked: boolean; accessible: boolean; section: string }[]>`
      select label, blocked, accessible, section from seats where screen_id = ${data.createScreen.id} order by y, x`;
    expect(seats).toHaveLength(24);
    expect(seats.filter((s) => s.blocked).map((s) => s.label)).toEqual(['A1']);
    expect(seats.filter((s) => s.accessible).map((s) => s.label)).toEqual(['A2', 'A3']);
    expect(seats.filter((s) => s.section === 'Balcony').map((s) => s.label)).toEqual([
      'C1',
      'C2',
      'C3',
      'C4',
      'C5',
      'C6',
    ]);
  });

  it('rejects a second screen with the same name in the venue, allows it in another venue', async () => {
    const name = `Screen ${tag()}`;
    expectData(await run(CREATE_SCREEN, { venueId: places.venue.id, name, layout }));
    expectError(
      await run(CREATE_SCREEN, { venueId: places.venue.id, name, layout }),
      'BAD_USER_INPUT',
      'input.name',
    );
    const other = await h.services.admin.createVenue(SYSTEM_ACTOR, {
      cityId: places.city.id,
      name: `Other ${tag()}`,
    });
    expectData(await run(CREATE_SCREEN, { venueId: other.id, name, layout }));
  });

  it('NOT_FOUND for an unknown venue, and no seats are written', async () => {
    const before = await h.db.sql`select count(*)::int as n from seats`;
    const res = await run(CREATE_SCREEN, { venueId: randomUUID(), name: 'Ghost', layout });
    expect(expectError(res, 'NOT_FOUND').extensions?.['entity']).toBe('Venue');
    expect(await h.db.sql`select count(*)::int as n from seats`).toEqual(before);
  });

  const r = (label: string, seats: number, extra: object = {}) => ({ label, seats, ...extra });
  const many = (n: number, seats: number) => Array.from({ length: n }, (_, i) => r(`R${i}x`, seats));
  const one = (...rows: object[]) => ({ sections: [{ name: 'S', rows }] });
  const L = 'input.layout.sections';
  it.each([
    ['no sections', { sections: [] }, L],
    [
      'duplicate sections',
      { sections: [one(r('A', 2)).sections[0], { name: 'S', rows: [r('B', 2)] }] },
      `${L}[1].name`,
    ],
    ['duplicate rows', one(r('A', 2), r('B', 2), r('A', 2)), `${L}[0].rows[2].label`],
    ['a row of 0 seats', one(r('A', 2), r('B', 0)), `${L}[0].rows[1].seats`],
    ['a negative seat count', one(r('A', -5)), `${L}[0].rows[0].seats`],
    ['a blocked seat out of range', one(r('A', 4, { blocked: [5] })), `${L}[0].rows[0].blocked`],
    ['an accessible seat out of range', one(r('A', 4, { accessible: [-1] })), `${L}[0].rows[0].accessible`],
    ['too many rows', one(...many(201, 1)), `${L}[0].rows`],
    ['too many seats', one(...many(101, 500)), `${L}[0].rows[100].seats`],
    ['ambiguous labels (1 + 11 = 11 + 1)', one(r('1', 12), r('11', 2)), `${L}[0].rows[1].label`],
  ])('rejects a layout with %s, writing nothing', async (_what, badLayout, field) => {
    const name = `Bad ${tag()}`;
    expectError(
      await run(CREATE_SCREEN, { venueId: places.venue.id, name, layout: badLayout }),
      'BAD_USER_INPUT',
      field,
    );
    expect(await h.db.sql`select 1 from screens where name = ${name}`).toHaveLength(0);
  });

  it('rejects a seat count beyond Int as a variable with BAD_USER_INPUT', async () => {
    const bad = { sections: [{ name: 'S', rows: [{ label: 'A', seats: 1e12 }] }] };
    expectError(
      await run(CREATE_SCREEN, { venueId: places.venue.id, name: 'X', layout: bad }),
      'BAD_USER_INPUT',
      'input.layout.sections[0].rows[0].seats',
    );
  });
});

describe('createEvent', () => {
  const base = { kind: 'THEATRE', title: 'Hamlet', durationMinutes: 180 };

  it('stores genres lower-cased without duplicates', async () => {
    const data = expectData(
      await run(CREATE_EVENT, {
        ...base,
        genres: ['Drama', 'drama ', 'Classic'],
        language: 'en-GB',
        rating: '12A',
        description: 'Act I\nAct II',
      }),
    );
    expect(data.createEvent).toMatchObject({
      kind: 'THEATRE',
      genres: ['drama', 'classic'],
      language: 'en-GB',
      description: 'Act I\nAct II',
    });
  });

  it.each([
    ['a zero duration', { durationMinutes: 0 }, 'input.durationMinutes'],
    ['a duration over a day', { durationMinutes: 1441 }, 'input.durationMinutes'],
    ['an empty title', { title: ' ' }, 'input.title'],
    ['a malformed language', { language: 'english!' }, 'input.language'],
    ['11 genres', { genres: Array.from({ length: 11 }, (_, i) => `g${i}`) }, 'input.genres'],
    ['an empty genre', { genres: ['drama', ''] }, 'input.genres[1]'],
  ])('rejects %s', async (_what, patch, field) => {
    expectError(await run(CREATE_EVENT, { ...base, ...patch }), 'BAD_USER_INPUT', field);
  });

  it('rejects an unknown kind or a missing title in the variable with BAD_USER_INPUT', async () => {
    expectError(await run(CREATE_EVENT, { ...base, kind: 'CIRCUS' }), 'BAD_USER_INPUT', 'input.kind');
    const { title: _omit, ...noTitle } = base;
    expectError(await run(CREATE_EVENT, noTitle), 'BAD_USER_INPUT', 'input');
  });
});
