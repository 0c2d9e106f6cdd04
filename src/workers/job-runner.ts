import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import type { Nudge } from '../realtime/nudge.js';

/** A background job: one batch per `run`, repeated until the runner stops. */
export interface Job {
  name: string;
  /** Pause after a batch that found nothing to do (jittered by +-20%). */
  intervalMs: number;
  /**
   * Processes one batch and returns how many items it handled. A positive count means there may
   * be more waiting, so the next batch starts at once. `signal` aborts when the runner stops;
   * a batch may finish its work, and should not start new long waits.
   */
  run(signal: AbortSignal): Promise<number>;
  /** Ends the pause early when poked (an in-process event or a Postgres NOTIFY): polling stays the fallback. */
  wake?: Nudge;
  /** Releases what the job opened (a LISTEN connection); runs once its loop has ended. */
  stop?: () => Promise<void>;
}

export interface JobRunner {
  /** Lets each job's current batch finish, then resolves. Safe to call twice. */
  stop(): Promise<void>;
}

const JITTER = 0.2;

/**
 * Runs each job in its own loop. Jitter keeps several worker processes from polling in lockstep;
 * a failing batch is logged and retried after the interval, never fatal to the process.
 */
export function runJobs(jobs: readonly Job[], logger: Logger, random: () => number = Math.random): JobRunner {
  const controller = new AbortController();
  const { signal } = controller;
  const jittered = (ms: number) => Math.round(ms * (1 - JITTER + 2 * JITTER * random()));

  async function loop(job: Job): Promise<void> {
    const log = logger.child({ job: job.name });
    // Start at a random point of the first interval, not all together.
    await sleep(Math.round(job.intervalMs * random()), undefined, { signal }).catch(() => {});
    while (!signal.aborted) {
      let handled = 0;
      try {
        handled = await job.run(signal);
        if (handled > 0) log.debug({ handled }, 'batch done');
      } catch (err) {
        log.error({ err }, 'job batch failed; retrying after the interval');
      }
      if (handled > 0 && !signal.aborted) {
        // Yield to I/O between back-to-back batches.
        await new Promise((resolve) => setImmediate(resolve));
        continue;
      }
      if (job.wake) await job.wake.wait(jittered(job.intervalMs), signal);
      else await sleep(jittered(job.intervalMs), undefined, { signal }).catch(() => {});
    }
  }

  const loops = Promise.all(jobs.map(loop));
  if (jobs.length > 0) logger.info({ jobs: jobs.map((j) => j.name) }, 'background jobs started');
  return {
    async stop() {
      controller.abort();
      await loops;
      for (const job of jobs) await job.stop?.().catch((err: unknown) => logger.warn({ err, job: job.name }, 'job stop failed'));
    },
  };
}
