import { getIntrospectionQuery, parse, getOperationAST } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema.js';
import { costWithSeats, fragmentsOf, MAX_COST, operationCost, operationShape } from './cost.js';

const cost = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  return operationCost(schema, getOperationAST(document)!, fragmentsOf(document), variables);
};
const shape = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  return operationShape(schema, getOperationAST(document)!, fragmentsOf(document), variables);
};
const SEATS = 'seats { id label status price { amount currency } }';

describe('query cost model', () => {
  it('scalars are free, objects cost 1', () => {
    expect(cost('{ me { id email name } }')).toBe(1);
    expect(cost('{ show(id: "x") { id event { title } venue { name city { name } } } }')).toBe(4);
  });

  it('a seat map counts 500 seats, each with its price object', () => {
    expect(cost(`{ show(id: "x") { seatMap { ${SEATS} } } }`)).toBe(1 + 1 + 500 * 2);
  });

  // Each of the `first` items pays for itself, its edge and its share of the connection object.
  it('a connection costs its page size: literal, variable, default 20, clamped to 100', () => {
    const page = (first: string) => `{ shows(filter: {}${first}) { edges { node { id event { id } } } } }`;
    expect(cost(page(''))).toBe(20 * (1 + 1 + 1 + 1));
    expect(cost(page(', first: 5'))).toBe(5 * 4);
    expect(cost(page(', first: 1000000'))).toBe(100 * 4);
    expect(cost('query($n: Int) { shows(filter: {}, first: $n) { edges { node { id } } } }', { n: 50 })).toBe(
      50 * 3,
    );
    expect(
      cost('query($n: Int) { shows(filter: {}, first: $n) { edges { node { id } } } }', { n: 'x' }),
    ).toBe(20 * 3);
  });

  it('multiplies nested lists: a page of shows with their seat maps is far over the limit', () => {
    expect(
      cost(`{ shows(filter: {}, first: 10) { edges { node { seatMap { ${SEATS} } } } } }`),
    ).toBeGreaterThan(MAX_COST);
  });

  it('counts fragments and inline fragments like inline selections', () => {
    const inline = cost(`{ show(id: "x") { seatMap { ${SEATS} } } }`);
    expect(cost(`{ show(id: "x") { ...F } } fragment F on Show { seatMap { ${SEATS} } }`)).toBe(inline);
    expect(cost(`{ show(id: "x") { ... on Show { seatMap { ${SEATS} } } } }`)).toBe(inline);
  });

  it('charges long texts: 15 pages of 100 event descriptions exceed the limit', () => {
    const page = (i: number) => `e${i}: events(first: 100) { edges { node { description } } }`;
    expect(cost(`{ ${page(1)} }`)).toBe(100 * (1 + 1 + 1 + 10));
    expect(cost(`{ ${Array.from({ length: 15 }, (_, i) => page(i)).join(' ')} }`)).toBeGreaterThan(MAX_COST);
  });

  it('the standard introspection query fits; five copies of it do not', () => {
    const one = cost(getIntrospectionQuery());
    expect(one).toBeGreaterThan(200);
    // Grows with the schema (bookings and payments brought it to about 1,350, selling to 1,800).
    expect(one).toBeLessThan(MAX_COST / 2);
    expect(one * 5).toBeGreaterThan(MAX_COST);
  });

  it('counts fields merged under one response key once, as graphql-js returns them once', () => {
    const inline = cost(`{ show(id: "x") { seatMap { ${SEATS} } } }`);
    expect(
      cost(`{ show(id: "x") { seatMap { seats { id } } ...F } } fragment F on Show { seatMap { ${SEATS} } }`),
    ).toBe(inline);
    expect(cost('{ e: event(id: "x") { description description } }')).toBe(1 + 10);
  });
});

describe('seat maps', () => {
  const MAP = `seatMap { ${SEATS} }`;

  it('counts every seat list the response can hold, through aliases, fragments and page sizes', () => {
    expect(shape(`{ show(id: "x") { ${MAP} } }`).seatMaps).toBe(1);
    expect(shape(`{ a: show(id: "x") { ${MAP} } b: show(id: "y") { ${MAP} } }`).seatMaps).toBe(2);
    expect(shape(`{ show(id: "x") { seatMap { a: seats { id } b: seats { id } } } }`).seatMaps).toBe(2);
    expect(shape(`{ show(id: "x") { ...F ...F } } fragment F on Show { ${MAP} }`).seatMaps).toBe(1);
    const page = (first: string) => `{ shows(filter: {}${first}) { edges { node { ${MAP} } } } }`;
    expect(shape(page(', first: 1')).seatMaps).toBe(1);
    expect(shape(page(', first: 2')).seatMaps).toBe(2);
    expect(
      shape(
        'query($n: Int) { shows(filter: {}, first: $n) { edges { node { seatMap { seats { id } } } } } }',
        { n: 3 },
      ).seatMaps,
    ).toBe(3);
    // A seat map's version and sections are not a seat list.
    expect(shape(page(', first: 2').replace(MAP, 'seatMap { version }')).seatMaps).toBe(0);
    expect(
      shape('subscription { seatChanged(showId: "x") { a: seats { id } b: seats { id } } }').seatMaps,
    ).toBe(2);
  });

  it('prices each seat by the show the document names, or null where it is known only once executed', () => {
    const one = shape(`query($id: ID!) { a: show(id: "x") { ${MAP} } b: show(id: $id) { ${MAP} } }`, {
      id: 'y',
    });
    expect([...one.seatCosts]).toEqual([
      ['x', 2],
      ['y', 2],
    ]);
    expect(one.cost).toBe(2 * (2 + 500 * 2));
    const unknown = shape(`{ shows(filter: {}, first: 1) { edges { node { ${MAP} } } } }`);
    expect([...unknown.seatCosts]).toEqual([[null, 2]]);
    // A subscription's seats are charged at the nominal size: see SEAT_LISTS in cost.ts.
    expect(shape('subscription { seatChanged(showId: "x") { seats { id } } }').seatCosts.size).toBe(0);
  });

  it('costs the seat lists at the sizes given: a 20,000-seat arena map costs 40,002', () => {
    const arena = shape(`{ show(id: "x") { ${MAP} } }`);
    expect(arena.cost).toBe(1 + 1 + 500 * 2);
    expect(costWithSeats(arena, (id) => (id === 'x' ? 20_000 : 500))).toBe(1 + 1 + 20_000 * 2);
    expect(costWithSeats(arena, () => 40)).toBe(1 + 1 + 40 * 2);
    expect(costWithSeats(shape('{ me { id } }'), () => 20_000)).toBe(1);
  });
});
