import type { Db } from '../../db/client.js';
import { setHeldSeatsExpiry } from '../../db/queries/hold-seats.js';
import { lockHold, setHoldExpiry } from '../../db/queries/holds.js';
import type { HoldRow } from '../../db/schema/index.js';
import { HoldExpiredError, NotFoundError, ValidationError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { runIdempotent } from '../idempotency.js';
import { inTransaction } from '../tx.js';
import { parseId, parseIdempotencyKey } from '../validation.js';
import { assertCanSeeHold, effectiveHoldStatus, endHold } from './end-hold.js';
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
  const { value } = await inTransaction(deps.db, (tx) =>
    runIdempotent(
      tx,
      { userId: viewer.id, key, operation: 'releaseHold', input: { holdId }, now },
      holdCodec,
      async () => {
        const hold = await lockHold(tx, holdId);
        if (!hold) throw new NotFoundError('Hold', holdId);
        assertCanSeeHold(viewer, hold);
        if (hold.status === 'RELEASED') return hold;
        if (hold.status !== 'ACTIVE')
          throw new HoldExpiredError(`This hold is already ${hold.status.toLowerCase()}`);
        // An expired hold is ended as EXPIRED: that is what happened to it, whoever noticed first.
        return endHold(tx, hold, effectiveHoldStatus(hold, now) === 'EXPIRED' ? 'EXPIRED' : 'RELEASED', now);
      },
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
  const now = deps.clock.now();
  const { ttlSeconds, extensionSeconds } = deps.config;
  const { value } = await inTransaction(deps.db, (tx) =>
    runIdempotent(
      tx,
      { userId: viewer.id, key, operation: 'extendHold', input: { holdId }, now },
      holdCodec,
      async () => {
        const hold = await lockHold(tx, holdId);
        if (!hold) throw new NotFoundError('Hold', holdId);
        assertCanSeeHold(viewer, hold);
        const status = effectiveHoldStatus(hold, now);
        if (status !== 'ACTIVE') throw new HoldExpiredError(`This hold is ${status.toLowerCase()}`);
        if (hold.extensions >= 1) throw new ValidationError('This hold was already extended', 'holdId');
        const cap = hold.createdAt.getTime() + 2 * ttlSeconds * 1000;
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
  const cap = hold.createdAt.getTime() + 2 * config.ttlSeconds * 1000;
  return effectiveHoldStatus(hold, now) === 'ACTIVE' && hold.extensions < 1 && hold.expiresAt.getTime() < cap;
}
