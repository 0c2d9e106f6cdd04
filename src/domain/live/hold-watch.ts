import type { Db } from '../../db/client.js';
import { findHoldsByIds } from '../../db/queries/holds.js';
import { findHoldSeatIds } from '../../db/queries/hold-watch.js';
import type { HoldRow } from '../../db/schema/index.js';
import { NotFoundError } from '../../errors.js';
import type { Logger } from '../../logger.js';
import { EventQueue } from '../../realtime/event-queue.js';
import type { PubSub } from '../../realtime/pubsub.js';
import { isSeatChangesMessage, topics } from '../../realtime/topics.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { assertCanSeeHold, effectiveHoldStatus } from '../holds/hold-rules.js';
import { parseId } from '../validation.js';

export type HoldChangeKind = 'EXTENDED' | 'EXPIRING_SOON' | 'EXPIRED' | 'RELEASED' | 'CONVERTED';

export interface HoldChangeView {
  kind: HoldChangeKind;
  /** The hold as read right after the change. */
  hold: HoldRow;
}

export interface HoldWatchDeps {
  db: Db;
  clock: Clock;
  pubsub: PubSub;
  logger: Logger;
  expiringSoonSeconds: number;
}

/**
 * holdChanged: the lifecycle of one hold, for its owner (or an admin, as for `hold(id)`). Nothing
 * is written for it: each event is derived by re-reading the hold when something may have changed
 * it, so no path that changes holds has to remember to publish, and a lost message only delays:
 *  - a change of any of its seats, from the relayed seat-change log (release, replacement by a
 *    new hold, expiry by the worker, conversion into a booking, cancellation of the show);
 *  - a `hold:<id>` nudge after extendHold/releaseHold commits (extension changes no seat);
 *  - timers at `expiresAt - expiringSoonSeconds` and at `expiresAt`: EXPIRED arrives on time
 *    whether or not the worker runs, like everywhere else in the API.
 * A hold that has already ended gets its ending as the only event.
 */
export async function watchHold(
  deps: HoldWatchDeps,
  viewer: Viewer,
  holdIdRaw: string,
): Promise<AsyncIterableIterator<HoldChangeView>> {
  const holdId = parseId(holdIdRaw, 'holdId');
  const [hold] = await findHoldsByIds(deps.db, [holdId]);
  if (!hold) throw new NotFoundError('Hold', holdId);
  assertCanSeeHold(viewer, hold);
  const watch = new HoldWatch(deps, hold);
  await watch.start();
  return watch.queue;
}

class HoldWatch {
  readonly queue = new EventQueue<HoldChangeView>(() => this.finish());
  private expiresAt: number;
  private soonSentFor: number | undefined;
  private seatIds = new Set<string>();
  private timers: NodeJS.Timeout[] = [];
  private unsubscribes: (() => void)[] = [];
  private checks: Promise<void> = Promise.resolve();
  private done = false;

  constructor(
    private readonly deps: HoldWatchDeps,
    private readonly hold: HoldRow,
  ) {
    this.expiresAt = hold.expiresAt.getTime();
  }

  async start(): Promise<void> {
    this.seatIds = new Set(await findHoldSeatIds(this.deps.db, this.hold.id));
    // Listen first, then re-read: a change committed in between is seen by one or the other.
    // While Redis is away a subscribe waits for it; the timers do not, so do not wait long.
    const recheck = () => this.recheck();
    const onShow = (m: unknown) => {
      if (isSeatChangesMessage(m) && m.changes.some((c) => c.seats.some((s) => this.seatIds.has(s.id)))) recheck();
    };
    const listen = (topic: string, listener: (m: unknown) => void) =>
      this.deps.pubsub.subscribe(topic, listener).then(
        (unsubscribe) => (this.done ? unsubscribe() : void this.unsubscribes.push(unsubscribe)),
        (err: unknown) => this.deps.logger.warn({ err, holdId: this.hold.id }, 'holdChanged could not subscribe'),
      );
    await Promise.race([
      Promise.all([listen(topics.hold(this.hold.id), recheck), listen(topics.show(this.hold.showId), onShow)]),
      new Promise((resolve) => setTimeout(resolve, 2_000).unref()),
    ]);
    this.recheck();
    await this.checks;
  }

  /** Re-reads the hold; checks run one at a time, in order. */
  private recheck(): void {
    this.checks = this.checks
      .then(async () => {
        if (this.done) return;
        const [hold] = await findHoldsByIds(this.deps.db, [this.hold.id]);
        if (hold && !this.done) this.evaluate(hold);
      })
      .catch((err: unknown) => this.deps.logger.warn({ err, holdId: this.hold.id }, 'holdChanged re-read failed'));
  }

  private evaluate(hold: HoldRow): void {
    const now = this.deps.clock.now().getTime();
    const status = effectiveHoldStatus(hold, new Date(now));
    if (status !== 'ACTIVE') {
      this.queue.push({ kind: status, hold });
      this.finish();
      return;
    }
    const expiresAt = hold.expiresAt.getTime();
    if (expiresAt > this.expiresAt) {
      this.expiresAt = expiresAt;
      this.queue.push({ kind: 'EXTENDED', hold });
    }
    const soonAt = expiresAt - this.deps.expiringSoonSeconds * 1000;
    if (now >= soonAt && this.soonSentFor !== expiresAt) {
      this.soonSentFor = expiresAt;
      this.queue.push({ kind: 'EXPIRING_SOON', hold });
    }
    this.schedule(now, soonAt, expiresAt);
  }

  private schedule(now: number, soonAt: number, expiresAt: number): void {
    for (const t of this.timers) clearTimeout(t);
    const at = [expiresAt + 1, ...(this.soonSentFor === expiresAt ? [] : [soonAt])];
    this.timers = at.map((t) => setTimeout(() => this.recheck(), Math.max(0, t - now)).unref());
  }

  private finish(): void {
    this.done = true;
    for (const t of this.timers) clearTimeout(t);
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
    this.queue.end();
  }
}
