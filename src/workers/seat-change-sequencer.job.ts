import type { SeatChangeService } from '../domain/seat-changes/seat-change.service.js';
import type { Job } from './job-runner.js';

/**
 * Numbers committed seat changes per show; a short interval keeps seat-map versions fresh, and
 * seat transactions committed in this process wake it at once (`wake`).
 */
export function seatChangeSequencerJob(seatChanges: SeatChangeService): Job {
  return {
    name: 'seat-change-sequencer',
    intervalMs: 20,
    wake: seatChanges.nudges.sequencer,
    run: () => seatChanges.sequencePending(),
  };
}
