import type { Env } from '../config/env.js';
import type { AppServices } from '../domain/services.js';
import type { Logger } from '../logger.js';
import { runJobs, type Job, type JobRunner } from './job-runner.js';
import { buildJobs } from './jobs.js';

export type { Job, JobRunner };

export interface StartWorkersOptions {
  services: AppServices;
  config: Env;
  logger: Logger;
  /** Replaces the registered jobs (tests). */
  jobs?: readonly Job[];
}

/** Starts the background jobs; `stop()` lets the current batches finish. */
export function startWorkers({ services, config, logger, jobs }: StartWorkersOptions): JobRunner {
  const log = logger.child({ component: 'worker' });
  return runJobs(jobs ?? buildJobs(services, config, log), log);
}
