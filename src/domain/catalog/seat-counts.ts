import { LRUCache } from 'lru-cache';
import type { Db } from '../../db/client.js';
import { countSeatsOfShow, findLargestScreenSeats } from '../../db/queries/screens.js';
import { isId } from '../validation.js';

/** How long the largest screen's size is reused: a new arena is charged as one after this at most. */
const LARGEST_MAX_AGE_MS = 30_000;

/**
 * How many seats a seat map lists, for the rate limits, which charge a seat map at its real size
 * before it is executed. A show's seats are its screen's, fixed once it is scheduled, so each
 * show is read once per process (at most 10,000 kept); the largest screen, the bound for seat
 * maps whose show is known only once executed, is read again after 30 s.
 */
export function createSeatCounts(db: Db) {
  const byShow = new LRUCache<string, number>({
    max: 10_000,
    // An unknown show resolves to undefined, which is not kept; concurrent misses share one read.
    fetchMethod: async (showId) => (await countSeatsOfShow(db, showId)) || undefined,
  });
  let largest: { readAt: number; seats: Promise<number> } | undefined;

  return {
    /** Seats of a show's seat map (blocked ones included), or null for an unknown show or a bad id. */
    async seatCount(showId: string): Promise<number | null> {
      if (!isId(showId)) return null;
      return (await byShow.fetch(showId.toLowerCase())) ?? null;
    },

    /** The most seats any screen has: what a seat map can hold when its show is not known yet. */
    largestSeatCount(): Promise<number> {
      if (!largest || performance.now() - largest.readAt >= LARGEST_MAX_AGE_MS) {
        const read = { readAt: performance.now(), seats: findLargestScreenSeats(db) };
        // A failed read is not reused.
        read.seats.catch(() => largest === read && (largest = undefined));
        largest = read;
      }
      return largest.seats;
    },
  };
}
