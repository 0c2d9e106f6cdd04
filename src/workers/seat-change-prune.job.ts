import type { SeatChangeService } from '../domain/seat-changes/seat-change.service.js';
import type { Job } from './job-runner.js';

/**
 * Deletes published seat changes older than the retention (SEAT_CHANGES_RETENTION_HOURS, 24 by
 * default: the contract promises replay of at least the last 24 hours). Batches of 5,000 keep
 * each delete short; a backlog is worked off back to back.
 */
export function seatChangePruneJob(seatChanges: SeatChangeService, retentionHours: number): Job {
  return {
    name: 'seat-change-prune',
    intervalMs: 60_000,
    run: () => seatChanges.prune(retentionHours, 5_000),
  };
}
