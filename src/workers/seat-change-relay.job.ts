import { SEQUENCED_CHANNEL } from '../db/queries/seat-change-log.js';
import type { AppServices } from '../domain/services.js';
import { PublishFailedError } from '../domain/seat-changes/relay.js';
import { PROCESS_TAG } from '../domain/seat-changes/seat-change.service.js';
import type { Logger } from '../logger.js';
import type { Job } from './job-runner.js';

/**
 * Publishes numbered seat changes to pub/sub (src/domain/seat-changes/relay.ts). Woken at once by
 * this process's sequencer, by a NOTIFY from sequencers in other processes, and otherwise every
 * 250 ms, which also retries after a crash or a Redis outage left changes unpublished.
 */
export function seatChangeRelayJob(services: Pick<AppServices, 'listener' | 'seatChanges'>, logger: Logger): Job {
  const log = logger.child({ job: 'seat-change-relay' });
  const wake = services.seatChanges.nudges.relay;
  let unlisten: Promise<(() => Promise<void>) | undefined> | undefined;
  let outage = false;
  return {
    name: 'seat-change-relay',
    intervalMs: 250,
    wake,
    async run() {
      // Our own NOTIFYs are skipped: the sequencer already poked this relay in-process.
      unlisten ??= services.listener
        ?.listen(SEQUENCED_CHANNEL, (from) => from !== PROCESS_TAG && wake.poke())
        .catch((err: unknown) => {
          log.warn({ err }, 'LISTEN failed; polling only until the next attempt');
          unlisten = undefined;
          return undefined;
        });
      try {
        const published = await services.seatChanges.relayPending();
        if (outage) log.info('pub/sub reachable again; relaying');
        outage = false;
        return published;
      } catch (err) {
        if (!(err instanceof PublishFailedError)) throw err;
        // Redis is away: the changes stay in the outbox and go out when it is back. Said once.
        if (!outage) log.warn({ err: err.message }, 'pub/sub unreachable; seat changes wait in the outbox');
        outage = true;
        return 0;
      }
    },
    stop: async () => {
      await (await unlisten)?.();
    },
  };
}
