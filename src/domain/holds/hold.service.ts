import type { Db } from '../../db/client.js';
import type { Clock } from '../clock.js';

export interface HoldConfig {
  ttlSeconds: number;
  extensionSeconds: number;
  maxSeats: number;
  maxActivePerUser: number;
}

export function createHoldService(_deps: { db: Db; clock: Clock; config: HoldConfig }) {
  return {};
}
export type HoldService = ReturnType<typeof createHoldService>;
