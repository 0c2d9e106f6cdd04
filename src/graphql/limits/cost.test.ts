import { getIntrospectionQuery, parse, getOperationAST } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../schema.js';
import { fragmentsOf, MAX_COST, operationCost } from './cost.js';

const cost = (query: string, variables?: Record<string, unknown>) => {
  const document = parse(query);
  return operationCost(schema, getOperationAST(document)!, fragmentsOf(document), variables);
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
});
