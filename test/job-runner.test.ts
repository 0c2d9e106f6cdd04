import { describe, expect, it } from 'vitest';
import { createLogger } from '../src/logger.js';
import { runJobs, type Job } from '../src/workers/job-runner.js';

const logger = createLogger('silent');
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('runJobs', () => {
  it('repeats a job every interval and keeps going after a failing batch', async () => {
    let runs = 0;
    const job: Job = {
      name: 'flaky',
      intervalMs: 10,
      run: async () => {
        runs += 1;
        if (runs === 2) throw new Error('boom');
        return 0;
      },
    };
    const runner = runJobs([job], logger);
    await sleep(150);
    await runner.stop();
    expect(runs).toBeGreaterThan(3);
  });

  it('runs the next batch at once while batches find work', async () => {
    let backlog = 50;
    const job: Job = {
      name: 'drain',
      intervalMs: 60_000,
      run: async () => (backlog > 0 ? (backlog--, 1) : 0),
    };
    const runner = runJobs([job], logger, () => 0); // no initial delay
    await sleep(100);
    await runner.stop();
    expect(backlog).toBe(0);
  });

  it('stop() aborts the signal and waits for the current batch to finish', async () => {
    let finished = false;
    let sawAbort = false;
    const job: Job = {
      name: 'slow',
      intervalMs: 10,
      run: async (signal) => {
        await sleep(100);
        sawAbort = signal.aborted;
        finished = true;
        return 0;
      },
    };
    const runner = runJobs([job], logger, () => 0);
    await sleep(20);
    await runner.stop();
    expect(finished).toBe(true);
    expect(sawAbort).toBe(true);
  });

  it('stop() returns promptly while a job sleeps between batches', async () => {
    const runner = runJobs([{ name: 'idle', intervalMs: 60_000, run: async () => 0 }], logger, () => 0);
    await sleep(20);
    const t = Date.now();
    await runner.stop();
    expect(Date.now() - t).toBeLessThan(100);
  });
});
