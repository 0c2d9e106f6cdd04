import { buildSchema, execute, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { inTurns } from './in-turns.js';

/**
 * What graphql-js does with a sliced list: a schema with nothing asynchronous but the list, so
 * any event-loop turn during execution is one the slicing gave back.
 */
const schema = buildSchema(`type Query { items: [Item!]! } type Item { n: Int! }`);

async function run(count: number, perTurn: number) {
  const log: (number | 'turn')[] = [];
  const items = Array.from({ length: count }, (_, n) => ({ n: () => (log.push(n), n) }));
  let counting = true;
  const tick = () => {
    log.push('turn');
    if (counting) setImmediate(tick);
  };
  setImmediate(tick);
  const result = await execute({
    schema,
    document: parse('{ items { n } }'),
    rootValue: { items: () => inTurns(items, perTurn) },
  });
  counting = false;
  return { result, log };
}

describe('inTurns', () => {
  it('completes a long list one slice per event-loop turn, in order', async () => {
    const { result, log } = await run(1_000, 64);
    expect(result.errors).toBeUndefined();
    expect((result.data as { items: { n: number }[] }).items.map((i) => i.n)).toEqual(
      Array.from({ length: 1_000 }, (_, n) => n),
    );
    // Between two turns, at most one slice of items is completed; all 16 slices need 15 turns.
    const stretches = log
      .join(',')
      .split('turn')
      .map((s) => s.split(',').filter(Boolean).length);
    expect(Math.max(...stretches)).toBeLessThanOrEqual(64);
    expect(stretches.filter((n) => n > 0).length).toBeGreaterThanOrEqual(16);
    expect(log.filter((e) => e !== 'turn')).toEqual(Array.from({ length: 1_000 }, (_, n) => n));
  });

  it('leaves a short list as it is: completed in one go', async () => {
    const { result, log } = await run(64, 64);
    expect((result.data as { items: unknown[] }).items).toHaveLength(64);
    expect(log.slice(0, 64)).toEqual(Array.from({ length: 64 }, (_, n) => n));
  });
});
