import { setImmediate as nextTurn } from 'node:timers/promises';

/** Seats graphql-js completes per event-loop turn: a few hundred microseconds of work on a slow core. */
export const ITEMS_PER_TURN = 16;

/**
 * A long list that graphql-js completes a slice per event-loop turn instead of all at once.
 *
 * Completing a list is synchronous: a 500-seat map is about 3,000 fields, 10-20 ms during which
 * no other request on the process is answered, and a 20,000-seat arena blocks for the better part
 * of a second. Every item past the first slice is a promise that resolves a turn after the
 * previous slice's (graphql-js completes an item when its promise resolves), so the event loop
 * reads sockets and answers other requests between slices: one client's dear read delays everyone
 * else by a slice, not by the whole list. The price is a promise per item and a turn per slice.
 */
export function inTurns<T>(items: T[], perTurn = ITEMS_PER_TURN): (T | Promise<T>)[] {
  if (items.length <= perTurn) return items;
  const out = new Array<T | Promise<T>>(items.length);
  let turn: Promise<unknown> = Promise.resolve();
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (i < perTurn) {
      out[i] = item;
      continue;
    }
    // Chained: the next turn is asked for only when this one has come, so slices run one per turn.
    if (i % perTurn === 0) turn = turn.then(() => nextTurn());
    out[i] = turn.then(() => item);
  }
  return out;
}
