import type { Db, DbOrTx } from '../../db/client.js';
import { lockSeatsOfHold, setHeldSeatsExpiry } from '../../db/queries/hold-seats.js';
import { lockHold, setHoldExpiry } from '../../db/queries/holds.js';
import { releaseHoldRow } from '../../db/queries/release-hold.js';
import type { HoldRow } from '../../db/schema/index.js';
import { HoldExpiredError, NotFoundError, ValidationError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { runIdempotent } from '../idempotency.js';
import { inTransaction, retryOnConflict } from '../tx.js';
import { parseId, parseIdempotencyKey } from '../validation.js';
import { assertCanSeeHold, effectiveHoldStatus } from './hold-rules.js';
import { holdCodec } from './hold-codec.js';
import type { HoldConfig } from './hold-config.js';

interface Deps {
  db: Db;
  clock: Clock;
  config: HoldConfig;
}

/** releaseHold: seats back on sale now. Releasing a released hold returns it unchanged. */
export async function releaseHold(
  deps: Deps,
  viewer: Viewer,
  holdIdRaw: string,
  keyRaw?: string | null,
): Promise<HoldRow> {
  const holdId = parseId(holdIdRaw, 'holdId');
  const key = parseIdempotencyKey(keyRaw);
  const now = deps.clock.now();
  const release = async (db: DbOrTx) => {
    const { before, ended } = await releaseHoldRow(db, {
      holdId,
      userId: viewer.id,
      isAdmin: viewer.role === 'ADMIN',
      now,
    });
    if (!before) throw new NotFoundError('Hold', holdId);
    assertCanSeeHold(viewer, before);
    if (ended) return ended;
    if (before.status === 'RELEASED') return before;
    throw new HoldExpiredError(`This hold is already ${before.status.toLowerCase()}`);
  };
  // Without a key the one statement is its own transaction (the hot path of a seat-map click).
  if (key === undefined) return retryOnConflict(() => release(deps.db));
  const { value } = await inTransaction(deps.db, (tx) =>
    runIdempotent(
      tx,
      { userId: viewer.id, key, operation: 'releaseHold', input: { holdId }, now },
      holdCodec,
      () => release(tx),
    ),
  );
  return value;
}

/**
 * extendHold: once per hold, by `extensionSeconds`, never beyond 2x the TTL from creation
 * (for the payment step). Seat states do not change, so the show's version does not either.
 */
export async function extendHold(
  deps: Deps,
  viewer: Viewer,
  holdIdRaw: string,
  keyRaw?: string | null,
): Promise<HoldRow> {
  const holdId = parseId(holdIdRaw, 'holdId');
  const key = parseIdempotencyKey(keyRaw);
  const { ttlSeconds, extensionSeconds } = deps.config;
  const { value } = await inTransaction(deps.db, (tx) =>
    runIdempotent(
      tx,
      { userId: viewer.id, key, operation: 'extendHold', input: { holdId }, now: deps.clock.now() },
      holdCodec,
      async () => {
        const hold = await lockHold(tx, holdId);
        if (!hold) throw new NotFoundError('Hold', holdId);
        assertCanSeeHold(viewer, hold);
        // Expiry is decided only once the hold and its seats are locked: a time read before
        // waiting for the locks is stale, and lazy reclaim lets a new hold take an expired
        // hold's seats without touching its row. The time is the app clock, the one lazy
        // reclaim compares with (boxoffice_place_hold's p_now), read now; not Postgres' now(),
        // which is the transaction's start, nor clock_timestamp(), another clock than the
        // reclaim's. Whatever the clocks say, a hold missing a seat is over: once its seats
        // are locked no one can take them before this extension commits.
        const seats = await lockSeatsOfHold(tx, hold.id);
        const now = deps.clock.now();
        const status = effectiveHoldStatus(hold, now);
        if (status !== 'ACTIVE') throw new HoldExpiredError(`This hold is ${status.toLowerCase()}`);
        if (seats.held < seats.placed)
          throw new HoldExpiredError('This hold has expired; some of its seats went to another buyer');
        if (hold.extensions >= 1) throw new ValidationError('This hold was already extended', 'holdId');
        const cap = extensionCap(hold, ttlSeconds);
        const expiresAt = new Date(Math.min(hold.expiresAt.getTime() + extensionSeconds * 1000, cap));
        if (expiresAt <= hold.expiresAt)
          throw new ValidationError('This hold cannot be extended further', 'holdId');
        const extended = await setHoldExpiry(tx, hold.id, expiresAt);
        await setHeldSeatsExpiry(tx, hold.id, expiresAt);
        return extended;
      },
    ),
  );
  return value;
}

/** Whether extendHold would succeed now (for `Hold.extendable`). */
export function canExtend(hold: HoldRow, now: Date, config: HoldConfig): boolean {
  const cap = extensionCap(hold, config.ttlSeconds);
  return effectiveHoldStatus(hold, now) === 'ACTIVE' && hold.extensions < 1 && hold.expiresAt.getTime() < cap;
}

/** A hold never lives beyond twice the TTL from its creation, however it is extended. */
function extensionCap(hold: HoldRow, ttlSeconds: number): number {
  return hold.createdAt.getTime() + 2 * ttlSeconds * 1000;
}
