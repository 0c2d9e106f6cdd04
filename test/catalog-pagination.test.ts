import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from './helpers/harness.js';
import { createScreen, DAY, firstError, scheduleShow, tag } from './helpers/catalog.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

const VENUES = `query ($cityId: ID, $first: Int, $after: String) {
  venues(cityId: $cityId, first: $first, after: $after) {
    edges { cursor node { id name } }
    pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } }`;
const EVENTS = `query ($filter: EventFilter, $first: Int, $after: String) {
  events(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id title } } pageInfo { hasNextPage endCursor } } }`;
const SHOWS = `query ($filter: ShowFilter!, $first: Int, $after: String) {
  shows(filter: $filter, first: $first, after: $after) {
    edges { cursor node { id startsAt } } pageInfo { hasNextPage endCursor } } }`;

type Page = {
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
};

let h: Harness;
let bigCityId: string;
let bigCityVenueIds: string[];

/** Follows endCursor until hasNextPage is false; returns the ids seen and the page sizes. */
async function walk(query: string, field: string, vars: Record<string, unknown>, first: number) {
  const ids: string[] = [];
  const sizes: number[] = [];
  let after: string | null = null;
  for (let i = 0; i < 200; i++) {
    const res = await h.exec(query, { ...vars, first, after });
    expect(res.errors).toBeUndefined();
    const page = res.data![field] as Page;
    ids.push(...page.edges.map((e) => e.node.id));
    sizes.push(page.edges.length);
    if (!page.pageInfo.hasNextPage) return { ids, sizes };
    after = page.pageInfo.endCursor;
  }
  throw new Error('pagination did not end');
}

beforeAll(async () => {
  h = await createHarness();
  // 101 venues, two pairs sharing a name so the id tie-breaker matters.
  const city = await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Big ${tag()}`, country: 'IT' });
  bigCityId = city.id;
  const names = Array.from({ length: 101 }, (_, i) => `V${String(i % 99).padStart(3, '0')}`);
  const created = [];
  for (const name of names)
    created.push(await h.services.admin.createVenue(SYSTEM_ACTOR, { cityId: city.id, name }));
  const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
  bigCityVenueIds = created.sort((a, b) => cmp(a.name, b.name) || cmp(a.id, b.id)).map((v) => v.id);
});
afterAll(() => h.close());

describe('venues pagination', () => {
  it('defaults to 20 and reports the page', async () => {
    const res = await h.exec(VENUES, { cityId: bigCityId });
    const page = res.data!['venues'] as Page & {
      pageInfo: { hasPreviousPage: boolean; startCursor: string };
    };
    expect(page.edges.map((e) => e.node.id)).toEqual(bigCityVenueIds.slice(0, 20));
    expect(page.pageInfo).toEqual({
      hasNextPage: true,
      hasPreviousPage: false,
      startCursor: page.edges[0]!.cursor,
      endCursor: page.edges[19]!.cursor,
    });
  });

  it('first=100 then the last page of one, with hasNextPage=false', async () => {
    const first = (await h.exec(VENUES, { cityId: bigCityId, first: 100 })).data!['venues'] as Page;
    expect(first.edges.map((e) => e.node.id)).toEqual(bigCityVenueIds.slice(0, 100));
    expect(first.pageInfo.hasNextPage).toBe(true);
    const last = (await h.exec(VENUES, { cityId: bigCityId, first: 100, after: first.pageInfo.endCursor }))
      .data!['venues'] as Page;
    expect(last.edges.map((e) => e.node.id)).toEqual(bigCityVenueIds.slice(100));
    expect(last.pageInfo.hasNextPage).toBe(false);
  });

  it('an exactly full last page says hasNextPage=false', async () => {
    const res = await h.exec(VENUES, { cityId: bigCityId, first: 100, after: null });
    const afterFirst = (res.data!['venues'] as Page).edges[0]!.cursor;
    const page = (await h.exec(VENUES, { cityId: bigCityId, first: 100, after: afterFirst })).data![
      'venues'
    ] as Page;
    expect(page.edges).toHaveLength(100);
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it('first=1 walks every venue once, in order, including equal names', async () => {
    const { ids, sizes } = await walk(VENUES, 'venues', { cityId: bigCityId }, 1);
    expect(ids).toEqual(bigCityVenueIds);
    expect(new Set(sizes)).toEqual(new Set([1]));
  });

  it('an empty result has no edges, no cursors and no next page', async () => {
    const city = await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Empty ${tag()}`, country: 'IT' });
    const res = await h.exec(VENUES, { cityId: city.id, first: 5 });
    expect(res.data!['venues']).toEqual({
      edges: [],
      pageInfo: { hasNextPage: false, hasPreviousPage: false, startCursor: null, endCursor: null },
    });
  });

  it('pages with keyset predicates, never OFFSET', async () => {
    const res = await h.exec(VENUES, { cityId: bigCityId, first: 3 });
    h.resetStatements();
    await h.exec(VENUES, {
      cityId: bigCityId,
      first: 3,
      after: (res.data!['venues'] as Page).pageInfo.endCursor,
    });
    expect(h.statements.join('\n').toLowerCase()).not.toContain('offset');
  });

  it.each([0, 101, -1, 1000])('first=%i is BAD_USER_INPUT naming first', async (first) => {
    const res = await h.exec(VENUES, { cityId: bigCityId, first });
    expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'first' });
    expect(res.data).toBeNull();
  });

  const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
  it.each([
    ['garbage', 'not a cursor'],
    ['not base64url', '!!!!'],
    ['base64 of non-JSON', Buffer.from('hello').toString('base64url')],
    ['wrong shape', b64({ name: 'V001' })],
    ['another list', b64(['event', 'V001', randomUUID()])],
    ['a malformed id', b64(['venue', 'V001', 'x'])],
    ['a non-string value', b64(['venue', 12, randomUUID()])],
    ['an oversized cursor', 'A'.repeat(5000)],
    ['an empty string', ''],
  ])('after = %s is BAD_USER_INPUT naming after', async (_label, after) => {
    const res = await h.exec(VENUES, { cityId: bigCityId, after });
    expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});

describe('events pagination', () => {
  it('walks titles in order, ties broken by id, with first=2', async () => {
    const t = tag();
    const made = [];
    for (const title of ['b', 'a', 'c', 'a', 'b']) {
      made.push(
        await h.services.admin.createEvent(SYSTEM_ACTOR, {
          kind: 'MOVIE',
          title: `${t} ${title}`,
          durationMinutes: 60,
        }),
      );
    }
    const expected = made
      .sort((x, y) => (x.title < y.title ? -1 : x.title > y.title ? 1 : x.id < y.id ? -1 : 1))
      .map((e) => e.id);
    const { ids, sizes } = await walk(EVENTS, 'events', { filter: { search: t } }, 2);
    expect(ids).toEqual(expected);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('rejects a venue cursor and out-of-range first', async () => {
    const venues = (await h.exec(VENUES, { cityId: bigCityId, first: 1 })).data!['venues'] as Page;
    const res = await h.exec(EVENTS, { after: venues.pageInfo.endCursor });
    expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(firstError(await h.exec(EVENTS, { first: 0 }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'first',
    });
  });
});

describe('shows pagination', () => {
  it('walks shows by start time, ties broken by id', async () => {
    const city = await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Shows ${tag()}`, country: 'IT' });
    const event = await h.services.admin.createEvent(SYSTEM_ACTOR, {
      kind: 'SPORT',
      title: `Match ${tag()}`,
      durationMinutes: 90,
    });
    const a = (await createScreen(h.services, city.id)).screen;
    const b = (await createScreen(h.services, city.id)).screen;
    const base = Date.now() + 2 * DAY;
    const made = [];
    // Three start times, two screens: equal start times on different screens.
    for (const [screen, offset] of [
      [a, 0],
      [b, 0],
      [a, 1],
      [b, 1],
      [a, 2],
    ] as const) {
      made.push(await scheduleShow(h.services, event.id, screen.id, new Date(base + offset * DAY)));
    }
    const expected = made
      .sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime() || (x.id < y.id ? -1 : 1))
      .map((s) => s.id);
    const { ids, sizes } = await walk(SHOWS, 'shows', { filter: { cityId: city.id } }, 2);
    expect(ids).toEqual(expected);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('rejects a show cursor whose time is not one we issue', async () => {
    const bad = Buffer.from(JSON.stringify(['show', 'yesterday', randomUUID()])).toString('base64url');
    const res = await h.exec(SHOWS, { filter: {}, after: bad });
    expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', field: 'after' });
  });
});
