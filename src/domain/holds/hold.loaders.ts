import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';
import { pricedSeatsLoader } from '../priced-seats.loader.js';

/** Per-request loaders for hold fields. */
export function createHoldLoaders(db: Db, clock: Clock) {
  return {
    /** A hold's seats priced as quoted when it was placed. */
    holdSeats: pricedSeatsLoader(db, clock, 'hold'),
  };
}
export type HoldLoaders = ReturnType<typeof createHoldLoaders>;
