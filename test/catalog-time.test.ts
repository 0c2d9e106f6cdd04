import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowFixture, type ShowFixture } from './helpers/fixtures.js';
import { createHarness, createManualClock, type Harness } from './helpers/harness.js';
import { HOUR, holdSeatsDirectly } from './helpers/catalog.js';

// Everything time-dependent reads the injected clock, never Postgres now() or Date.now().
const clock = createManualClock(new Date());
const SHOW = `query ($id: ID!) { show(id: $id) { status
  seatMap { seats { id label status } sections { available } } availability { available held } } }`;
const SHOWS = `query ($filter: ShowFilter!) { shows(filter: $filter) { edges { node { id status } } } }`;
const EVENTS = `query ($cityId: ID!) { events(filter: { cityId: $cityId }) { edges { node { id } } } }`;

let h: Harness;
let fx: ShowFixture;

beforeAll(async () => {
  h = await createHarness({ clock });
  fx = await createShowFixture(h.services, {
    rows: 1,
    seatsPerRow: 4,
    startsAt: new Date(clock.now().getTime() + HOUR),
  });
});
afterAll(() => h.close());

describe('with a manual clock', () => {
  it('a held seat turns AVAILABLE in reads the moment its hold expires', async () => {
    const seats = ((await h.exec(SHOW, { id: fx.showId })).data!['show'] as any).seatMap.seats;
    await holdSeatsDirectly(h, fx.showId, [seats[0].id], new Date(clock.now().getTime() + 60_000));

    let show = (await h.exec(SHOW, { id: fx.showId })).data!['show'] as any;
    expect(show.seatMap.seats[0].status).toBe('HELD');
    expect(show.seatMap.sections[0].available).toBe(3);
    expect(show.availability).toEqual({ available: 3, held: 1 });

    clock.advance(60_000); // expiry is inclusive: a hold is over at its expiresAt
    show = (await h.exec(SHOW, { id: fx.showId })).data!['show'] as any;
    expect(show.seatMap.seats[0].status).toBe('AVAILABLE');
    expect(show.seatMap.sections[0].available).toBe(4);
    expect(show.availability).toEqual({ available: 4, held: 0 });
  });

  it('a show is ON_SALE before it starts and STARTED from its start', async () => {
    expect(((await h.exec(SHOW, { id: fx.showId })).data!['show'] as any).status).toBe('ON_SALE');
    expect((await h.exec(EVENTS, { cityId: fx.cityId })).data!['events'].edges).toEqual([
      { node: { id: fx.eventId } },
    ]);

    clock.set(fx.startsAt);
    expect(((await h.exec(SHOW, { id: fx.showId })).data!['show'] as any).status).toBe('STARTED');
    // Started shows leave the default list and no longer make their event "upcoming" in the city.
    expect((await h.exec(SHOWS, { filter: { cityId: fx.cityId } })).data!['shows'].edges).toEqual([]);
    expect((await h.exec(EVENTS, { cityId: fx.cityId })).data!['events'].edges).toEqual([]);
    const from = new Date(fx.startsAt.getTime() - HOUR).toISOString();
    expect((await h.exec(SHOWS, { filter: { cityId: fx.cityId, from } })).data!['shows'].edges).toEqual([
      { node: { id: fx.showId, status: 'STARTED' } },
    ]);
  });
});
