import type { AuthService } from '../domain/auth/auth.service.js';
import type { Job } from './job-runner.js';

/**
 * Forgets failed-login counts with no attempt for a day (the back-off starts over by then anyway):
 * a guesser trying many emails leaves one row each.
 */
export function loginFailuresCleanupJob(auth: AuthService, batchSize = 1000): Job {
  return {
    name: 'login-failures-cleanup',
    intervalMs: 60_000,
    run: () => auth.cleanLoginFailures(batchSize),
  };
}
