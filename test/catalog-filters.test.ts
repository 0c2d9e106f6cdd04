import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { createScreen, DAY, firstError, HOUR, scheduleShow, tag } from './helpers/catalog.js';
import { SYSTEM_ACTOR } from '../src/domain/access/authorize.js';

const EVENTS = `query ($filter: EventFilter, $first: Int) {
  events(filter: $filter, first: $first) { edges { node { id title } } pageInfo { hasNextPage } } }`;
const VENUES = `query ($cityId: ID) { venues(cityId: $cityId, first: 100) { edges { node { id name } } } }`;
const SHOWS = `query ($filter: ShowFilter!) {
  shows(filter: $filter, first: 100) { edges { node { id startsAt status } } } }`;

let h: Harness;
const t = tag();
const titles = (res: any): string[] => res.data.events.edges.map((e: any) => e.node.title);
const showIds = (res: any): string[] => res.data.shows.edges.map((e: any) => e.node.id);

beforeAll(async () => {
  h = await createHarness();
  const a = h.services.admin;
  await a.createEvent(SYSTEM_ACTOR, {
    kind: 'MOVIE',
    title: `${t} Alpha`,
    genres: ['Drama', 'crime'],
    language: 'en',
    durationMinutes: 90,
  });
  await a.createEvent(SYSTEM_ACTOR, {
    kind: 'CONCERT',
    title: `${t} Beta 100%`,
    genres: ['rock'],
    language: 'en-GB',
    durationMinutes: 90,
  });
  await a.createEvent(SYSTEM_ACTOR, {
    kind: 'THEATRE',
    title: `${t} gamma_x`,
    genres: ['drama'],
    language: 'de',
    durationMinutes: 90,
  });
  await a.createEvent(SYSTEM_ACTOR, { kind: 'SPORT', title: `${t} Delta\\`, durationMinutes: 90 });
});
afterAll(() => h.close());

describe('events filter', () => {
  it('without a filter lists events ordered by title', async () => {
    const res = await h.exec(EVENTS, { filter: { search: t } });
    expect(titles(res)).toEqual([`${t} Alpha`, `${t} Beta 100%`, `${t} Delta\\`, `${t} gamma_x`].sort());
  });

  it('search is a case-insensitive substring of the title', async () => {
    expect(titles(await h.exec(EVENTS, { filter: { search: `${t} ALP` } }))).toEqual([`${t} Alpha`]);
    expect(titles(await h.exec(EVENTS, { filter: { search: `${t} gAmMa` } }))).toEqual([`${t} gamma_x`]);
  });

  it('search matches LIKE wildcards literally', async () => {
    expect(titles(await h.exec(EVENTS, { filter: { search: `${t} Beta 100%` } }))).toEqual([
      `${t} Beta 100%`,
    ]);
    expect(titles(await h.exec(EVENTS, { filter: { search: `${t} %` } }))).toEqual([]);
    expect(titles(await h.exec(EVENTS, { filter: { search: `${t} _lpha` } }))).toEqual([]);
    expect(titles(await h.exec(EVENTS, { filter: { search: `${t} gamma_` } }))).toEqual([`${t} gamma_x`]);
    expect(titles(await h.exec(EVENTS, { filter: { search: `${t} Delta\\` } }))).toEqual([`${t} Delta\\`]);
  });

  it('filters by kind', async () => {
    expect(titles(await h.exec(EVENTS, { filter: { search: t, kind: 'CONCERT' } }))).toEqual([
      `${t} Beta 100%`,
    ]);
  });

  it('filters by genre, case-insensitively', async () => {
    const res = await h.exec(EVENTS, { filter: { search: t, genre: 'DRAMA' } });
    expect(titles(res)).toEqual([`${t} Alpha`, `${t} gamma_x`]);
    expect(titles(await h.exec(EVENTS, { filter: { search: t, genre: 'dram' } }))).toEqual([]);
  });

  it('filters by the whole language tag', async () => {
    expect(titles(await h.exec(EVENTS, { filter: { search: t, language: 'en' } }))).toEqual([`${t} Alpha`]);
    expect(titles(await h.exec(EVENTS, { filter: { search: t, language: 'EN-gb' } }))).toEqual([
      `${t} Beta 100%`,
    ]);
  });

  it('combines filters', async () => {
    const res = await h.exec(EVENTS, {
      filter: { search: t, genre: 'drama', kind: 'THEATRE', language: 'de' },
    });
    expect(titles(res)).toEqual([`${t} gamma_x`]);
  });

  it('cityId keeps events with an upcoming, not cancelled show in that city', async () => {
    const upcoming = await createShowFixture(h.services, {
      title: `${t} City upcoming`,
      rows: 1,
      seatsPerRow: 2,
    });
    const { cityId } = upcoming;
    const cancelled = await createShowFixture(h.services, {
      title: `${t} City cancelled`,
      cityId,
      rows: 1,
      seatsPerRow: 2,
    });
    await h.services.admin.cancelShow(SYSTEM_ACTOR, { showId: cancelled.showId });
    await createShowFixture(h.services, { title: `${t} City elsewhere`, rows: 1, seatsPerRow: 2 });
    const res = await h.exec(EVENTS, { filter: { cityId } });
    expect(titles(res)).toEqual([`${t} City upcoming`]);
    const none = await h.exec(EVENTS, { filter: { cityId: randomUUID() } });
    expect(none.data).toEqual({ events: { edges: [], pageInfo: { hasNextPage: false } } });
  });

  it('rejects bad filter values as BAD_USER_INPUT naming the field', async () => {
    expect(firstError(await h.exec(EVENTS, { filter: { cityId: 'x' } }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'filter.cityId',
    });
    expect(firstError(await h.exec(EVENTS, { filter: { search: 'a'.repeat(101) } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.search',
    });
    expect(firstError(await h.exec(EVENTS, { filter: { kind: 'OPERA' } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
    });
  });

  it('treats an empty search as no filter', async () => {
    const res = await h.exec(EVENTS, { filter: { search: '  ', genre: 'rock' } });
    expect(titles(res)).toContain(`${t} Beta 100%`);
  });
});

describe('venues filter', () => {
  it('lists the venues of one city, or all venues without cityId', async () => {
    const city = await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Venues ${t}`, country: 'NL' });
    const other = await h.services.admin.createCity(SYSTEM_ACTOR, { name: `Others ${t}`, country: 'NL' });
    const v1 = await h.services.admin.createVenue(SYSTEM_ACTOR, { cityId: city.id, name: `B ${t}` });
    const v2 = await h.services.admin.createVenue(SYSTEM_ACTOR, { cityId: city.id, name: `A ${t}` });
    const v3 = await h.services.admin.createVenue(SYSTEM_ACTOR, { cityId: other.id, name: `C ${t}` });
    const inCity = await h.exec(VENUES, { cityId: city.id });
    expect(inCity.data!['venues'].edges.map((e: any) => e.node.id)).toEqual([v2.id, v1.id]);
    const all = (await h.exec(VENUES)).data!['venues'].edges.map((e: any) => e.node.id);
    expect(all).toEqual(expect.arrayContaining([v1.id, v2.id, v3.id]));
    expect(firstError(await h.exec(VENUES, { cityId: 'nope' }))).toEqual({
      code: 'BAD_USER_INPUT',
      field: 'cityId',
    });
  });
});

describe('shows filter', () => {
  let fx: ShowFixture;
  let later: { id: string; startsAt: Date };
  let otherVenueShow: { id: string };
  let otherEventShow: { id: string };
  let cancelledId: string;

  beforeAll(async () => {
    fx = await createShowFixture(h.services, {
      rows: 1,
      seatsPerRow: 3,
      startsAt: new Date(Date.now() + DAY),
    });
    const s = h.services.admin;
    later = await scheduleShow(
      h.services,
      fx.eventId,
      fx.screenId,
      new Date(fx.startsAt.getTime() + 5 * DAY),
      ['S1'],
    );
    const { screen } = await createScreen(h.services, fx.cityId);
    otherVenueShow = await scheduleShow(
      h.services,
      fx.eventId,
      screen.id,
      new Date(fx.startsAt.getTime() + 2 * DAY),
    );
    const event = await s.createEvent(SYSTEM_ACTOR, {
      kind: 'MOVIE',
      title: `Other ${t}`,
      durationMinutes: 100,
    });
    otherEventShow = await scheduleShow(
      h.services,
      event.id,
      fx.screenId,
      new Date(fx.startsAt.getTime() + 3 * DAY),
      ['S1'],
    );
    const cancelled = await scheduleShow(
      h.services,
      fx.eventId,
      fx.screenId,
      new Date(fx.startsAt.getTime() + 4 * DAY),
      ['S1'],
    );
    await s.cancelShow(SYSTEM_ACTOR, { showId: cancelled.id });
    cancelledId = cancelled.id;
  });

  it('cityId: upcoming shows of the city ordered by start, without cancelled ones', async () => {
    const res = await h.exec(SHOWS, { filter: { cityId: fx.cityId } });
    expect(showIds(res)).toEqual([fx.showId, otherVenueShow.id, otherEventShow.id, later.id]);
    expect(showIds(res)).not.toContain(cancelledId);
    expect(res.data!['shows'].edges.every((e: any) => e.node.status === 'ON_SALE')).toBe(true);
  });

  it('venueId and eventId', async () => {
    expect(showIds(await h.exec(SHOWS, { filter: { venueId: fx.venueId } }))).toEqual([
      fx.showId,
      otherEventShow.id,
      later.id,
    ]);
    expect(showIds(await h.exec(SHOWS, { filter: { eventId: fx.eventId } }))).toEqual([
      fx.showId,
      otherVenueShow.id,
      later.id,
    ]);
    expect(showIds(await h.exec(SHOWS, { filter: { eventId: fx.eventId, venueId: fx.venueId } }))).toEqual([
      fx.showId,
      later.id,
    ]);
  });

  it('from is inclusive, to is exclusive', async () => {
    const from = new Date(fx.startsAt.getTime() + 2 * DAY).toISOString();
    const to = later.startsAt.toISOString();
    expect(showIds(await h.exec(SHOWS, { filter: { cityId: fx.cityId, from, to } }))).toEqual([
      otherVenueShow.id,
      otherEventShow.id,
    ]);
    expect(
      showIds(await h.exec(SHOWS, { filter: { cityId: fx.cityId, from: later.startsAt.toISOString() } })),
    ).toEqual([later.id]);
  });

  it('from in the past is allowed; to defaults to unbounded', async () => {
    const from = new Date(Date.now() - 30 * DAY).toISOString();
    expect(showIds(await h.exec(SHOWS, { filter: { venueId: fx.venueId, from } }))).toHaveLength(3);
  });

  it('rejects to <= from, bad dates and malformed ids as BAD_USER_INPUT', async () => {
    const from = new Date(Date.now() + 2 * HOUR).toISOString();
    expect(firstError(await h.exec(SHOWS, { filter: { from, to: from } }))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'filter.to',
    });
    const past = new Date(Date.now() - HOUR).toISOString();
    expect(firstError(await h.exec(SHOWS, { filter: { to: past } }))).toMatchObject({ field: 'filter.to' });
    for (const bad of ['tomorrow', '2026-13-45T00:00:00Z', '', 12]) {
      const res = await h.exec(SHOWS, { filter: { from: bad } });
      expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT' });
    }
    for (const field of ['cityId', 'eventId', 'venueId']) {
      const res = await h.exec(SHOWS, { filter: { [field]: '123' } });
      expect(firstError(res)).toEqual({ code: 'BAD_USER_INPUT', field: `filter.${field}` });
    }
  });

  it('requires the filter argument', async () => {
    const res = await h.exec(`{ shows { edges { node { id } } } }`);
    expect(firstError(res)).toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('an empty filter lists every upcoming show', async () => {
    const res = await h.exec(SHOWS, { filter: {} });
    expect(showIds(res)).toEqual(expect.arrayContaining([fx.showId, later.id]));
  });
});
