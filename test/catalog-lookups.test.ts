import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { firstError, tag } from './helpers/catalog.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

let h: Harness;
let fx: ShowFixture;

beforeAll(async () => {
  h = await createHarness();
  fx = await createShowFixture(h.services, { rows: 2, seatsPerRow: 4, title: `Lookup ${tag()}` });
});
afterAll(() => h.close());

describe('cities', () => {
  it('lists every city with its fields, ordered by name', async () => {
    const res = await h.exec(`{ cities { id name country timezone } }`);
    expect(res.errors).toBeUndefined();
    const list = res.data!['cities'] as { id: string; name: string }[];
    expect(list).toContainEqual(
      expect.objectContaining({ id: fx.cityId, country: 'DE', timezone: 'Europe/Berlin' }),
    );
    const names = list.map((c) => c.name);
    expect(names).toEqual([...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('finds a city by id', async () => {
    const res = await h.exec(`query ($id: ID!) { city(id: $id) { id country } }`, { id: fx.cityId });
    expect(res.data).toEqual({ city: { id: fx.cityId, country: 'DE' } });
  });
});

describe('lookups by id', () => {
  it('returns an event with all its fields', async () => {
    const res = await h.exec(
      `query ($id: ID!) { event(id: $id) { id kind title description genres language durationMinutes rating } }`,
      { id: fx.eventId },
    );
    expect(res.data!['event']).toMatchObject({
      id: fx.eventId,
      kind: 'MOVIE',
      genres: ['drama'],
      language: 'en',
      durationMinutes: 120,
      description: null,
      rating: null,
    });
  });

  it('returns a venue with its city and screens', async () => {
    const res = await h.exec(
      `query ($id: ID!) { venue(id: $id) { id name address city { id } screens { id capacity venue { id } } } }`,
      { id: fx.venueId },
    );
    expect(res.data!['venue']).toMatchObject({
      id: fx.venueId,
      address: null,
      city: { id: fx.cityId },
      screens: [{ id: fx.screenId, capacity: 8, venue: { id: fx.venueId } }],
    });
  });

  it('returns a show with its event, venue, screen, times and status', async () => {
    const res = await h.exec(
      `query ($id: ID!) { show(id: $id) {
         id startsAt endsAt status currency event { id } venue { id city { id } } screen { id } } }`,
      { id: fx.showId },
    );
    expect(res.errors).toBeUndefined();
    expect(res.data!['show']).toEqual({
      id: fx.showId,
      startsAt: fx.startsAt.toISOString(),
      // 120 minutes plus the 30-minute turnover.
      endsAt: new Date(fx.startsAt.getTime() + 150 * 60_000).toISOString(),
      status: 'ON_SALE',
      currency: 'EUR',
      event: { id: fx.eventId },
      venue: { id: fx.venueId, city: { id: fx.cityId } },
      screen: { id: fx.screenId },
    });
  });

  it.each(['city', 'event', 'venue', 'show'])('%s(id) is null for an unknown id', async (field) => {
    const res = await h.exec(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id: randomUUID() });
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({ [field]: null });
  });

  it.each(['city', 'event', 'venue', 'show'])(
    '%s(id) rejects a malformed id as BAD_USER_INPUT',
    async (field) => {
      for (const id of ['42', 'not-an-id', `${randomUUID()}x`, "'; drop table shows; --", '']) {
        const res = await h.exec(`query ($id: ID!) { ${field}(id: $id) { id } }`, { id });
        expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'id' });
        expect(res.data).toEqual({ [field]: null });
      }
    },
  );

  it('accepts an upper-case id', async () => {
    const res = await h.exec(`query ($id: ID!) { show(id: $id) { id } }`, { id: fx.showId.toUpperCase() });
    expect(res.data).toEqual({ show: { id: fx.showId } });
  });

  it('returns a cancelled show by id with status CANCELLED', async () => {
    const other = await createShowFixture(h.services, { rows: 1, seatsPerRow: 2, cityId: fx.cityId });
    await h.services.admin.cancelShow(SYSTEM_ACTOR, { showId: other.showId });
    const res = await h.exec(`query ($id: ID!) { show(id: $id) { id status } }`, { id: other.showId });
    expect(res.data).toEqual({ show: { id: other.showId, status: 'CANCELLED' } });
  });
});
