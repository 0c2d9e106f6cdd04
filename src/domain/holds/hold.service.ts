import type { Db } from '../../db/client.js';
import { findHoldsByIds } from '../../db/queries/holds.js';
import type { HoldRow } from '../../db/schema/index.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { parseId } from '../validation.js';
import { canExtend, extendHold, releaseHold } from './change-hold.js';
import { assertCanSeeHold, effectiveHoldStatus } from './hold-rules.js';
import { cleanIdempotencyKeys, expireDueHolds } from './expire-holds.js';
import type { HoldConfig } from './hold-config.js';
import { placeHold, type PlaceHoldInput } from './place-hold.js';

export type { HoldConfig };

/** Seat holds: place, release, extend, read; expiry for the worker. */
export function createHoldService(deps: { db: Db; clock: Clock; config: HoldConfig }) {
  return {
    placeHold: (viewer: Viewer, input: PlaceHoldInput) => placeHold(deps, viewer, input),
    releaseHold: (viewer: Viewer, holdId: string, key?: string | null) =>
      releaseHold(deps, viewer, holdId, key),
    extendHold: (viewer: Viewer, holdId: string, key?: string | null) =>
      extendHold(deps, viewer, holdId, key),

    /** Owner or admin; null when there is no such hold. */
    async getHold(viewer: Viewer, idRaw: string): Promise<HoldRow | null> {
      const id = parseId(idRaw, 'id');
      const [hold] = await findHoldsByIds(deps.db, [id]);
      if (!hold) return null;
      assertCanSeeHold(viewer, hold);
      return hold;
    },

    status: (hold: HoldRow) => effectiveHoldStatus(hold, deps.clock.now()),
    extendable: (hold: HoldRow) => canExtend(hold, deps.clock.now(), deps.config),
    expireDueHolds: (limit: number) => expireDueHolds(deps, limit),
    cleanIdempotencyKeys: (limit: number) => cleanIdempotencyKeys(deps, limit),
  };
}
export type HoldService = ReturnType<typeof createHoldService>;
