import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createShowFixture } from './helpers/fixtures.js';
import { createHarness, type Harness } from './helpers/harness.js';
import { createCityCatalog } from './helpers/catalog.js';

const SHOWS_PAGE = `query ($cityId: ID!, $first: Int) {
  shows(filter: { cityId: $cityId }, first: $first) {
    edges { node { id status startsAt
      event { id title kind }
      venue { id name city { id name } }
      screen { id capacity }
      availability { total available held booked } } } } }`;
const VENUES_PAGE = `query ($cityId: ID!, $first: Int) {
  venues(cityId: $cityId, first: $first) { edges { node { id city { name } screens { id venue { id } } } } } }`;
const SEAT_MAP = `query ($id: ID!) { show(id: $id) { id seatMap { showId version
  seats { id label row number section price { amount currency } status accessible x y }
  sections { name tier price { amount currency } total available } } } }`;

let h: Harness;
let catalog: Awaited<ReturnType<typeof createCityCatalog>>;

/**
 * Runs the operation and returns how many SQL statements it sent. postgres.js looks up array type
 * oids in pg_catalog once per new pool connection; that is connection setup, not request cost,
 * so it is left out (it would make the count depend on how warm the pool is).
 */
async function countStatements(query: string, variables: Record<string, unknown>) {
  h.resetStatements();
  const res = await h.exec(query, variables);
  expect(res.errors).toBeUndefined();
  const statements = h.statements.filter((s) => !/from pg_catalog\.pg_type/.test(s));
  return { count: statements.length, statements, data: res.data! };
}

beforeAll(async () => {
  h = await createHarness();
  catalog = await createCityCatalog(h.services, { venues: 5, events: 10, shows: 50 });
});
afterAll(() => h.close());

describe('statement counts', () => {
  it('a page of 50 shows with event, venue, city, screen and availability costs the same as 5', async () => {
    const small = await countStatements(SHOWS_PAGE, { cityId: catalog.city.id, first: 5 });
    const large = await countStatements(SHOWS_PAGE, { cityId: catalog.city.id, first: 50 });
    expect((small.data['shows'] as any).edges).toHaveLength(5);
    expect((large.data['shows'] as any).edges).toHaveLength(50);
    expect(new Set((large.data['shows'] as any).edges.map((e: any) => e.node.venue.id)).size).toBe(5);
    // shows, events, venues (joined through screens), cities, screens, availability.
    expect(large.count).toBe(small.count);
    expect(large.count).toBeLessThanOrEqual(6);
    expect((large.data['shows'] as any).edges[0].node.availability).toEqual({
      total: 10,
      available: 10,
      held: 0,
      booked: 0,
    });
  });

  it('availability of the whole page comes from one grouped statement', async () => {
    const { statements } = await countStatements(SHOWS_PAGE, { cityId: catalog.city.id, first: 50 });
    expect(statements.filter((s) => /from "show_seats"/i.test(s))).toHaveLength(1);
  });

  it('a page of venues with city and screens is constant too', async () => {
    const small = await countStatements(VENUES_PAGE, { cityId: catalog.city.id, first: 1 });
    const large = await countStatements(VENUES_PAGE, { cityId: catalog.city.id, first: 5 });
    expect(large.count).toBe(small.count);
  });

  it('serves the seat map of a 500-seat show from at most two statements', async () => {
    const big = await createShowFixture(h.services, { rows: 20, seatsPerRow: 25, sections: 3 });
    const { count, data } = await countStatements(SEAT_MAP, { id: big.showId });
    const seatMap = (data['show'] as any).seatMap;
    expect(seatMap.seats).toHaveLength(500);
    expect(seatMap.sections).toHaveLength(3);
    expect(count).toBeLessThanOrEqual(2);
  });
});
