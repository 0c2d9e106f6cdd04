import type { HoldService } from '../domain/holds/hold.service.js';
import type { Job } from './job-runner.js';

/**
 * Releases expired holds. Polling every ~200 ms keeps seats back on sale well within a second of
 * expiry; a mass expiry is taken in batches of 500 holds, each batch one transaction and one new
 * version per show, back to back until none are due.
 */
export function holdExpiryJob(holds: HoldService, batchSize = 500): Job {
  return { name: 'hold-expiry', intervalMs: 200, run: () => holds.expireDueHolds(batchSize) };
}
