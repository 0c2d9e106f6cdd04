import type { HoldService } from '../domain/holds/hold.service.js';
import type { Job } from './job-runner.js';

/** Forgets idempotency keys older than 24 h. */
export function idempotencyCleanupJob(holds: HoldService, batchSize = 1000): Job {
  return {
    name: 'idempotency-key-cleanup',
    intervalMs: 60_000,
    run: () => holds.cleanIdempotencyKeys(batchSize),
  };
}
