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
import { placeHold, type HoldOrigin, type PlaceHoldInput } from './place-hold.js';

export type { HoldConfig };

/**
 * What the live layer wants to hear after a hold commits (src/domain/services.ts wires it): seat
 * changes were logged (wake the sequencer now instead of at its next poll), a hold changed
 * (holdChanged listeners re-read it). Both are hints; nothing is lost when one is missed.
 */
export interface HoldEvents {
  seatsChanged(): void;
  holdChanged(holdId: string): void;
}

/** Seat holds: place, release, extend, read; expiry for the worker. */
export function createHoldService(deps: { db: Db; clock: Clock; config: HoldConfig; events?: HoldEvents }) {
  const events = deps.events;
  const after = <T extends { id: string }>(result: Promise<T>, seats: boolean, hold: boolean) =>
    events
      ? result.then((value) => {
          if (seats) events.seatsChanged();
          if (hold) events.holdChanged(value.id);
          return value;
        })
      : result;
  return {
    placeHold: (viewer: Viewer, input: PlaceHoldInput, origin?: HoldOrigin) =>
      after(placeHold(deps, viewer, input, origin), true, false),
    releaseHold: (viewer: Viewer, holdId: string, key?: string | null) =>
      after(releaseHold(deps, viewer, holdId, key), true, true),
    extendHold: (viewer: Viewer, holdId: string, key?: string | null) =>
      after(extendHold(deps, viewer, holdId, key), false, true),

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
    expireDueHolds: (limit: number) =>
      expireDueHolds(deps, limit).then((ended) => {
        if (ended > 0) events?.seatsChanged();
        return ended;
      }),
    cleanIdempotencyKeys: (limit: number) => cleanIdempotencyKeys(deps, limit),
  };
}
export type HoldService = ReturnType<typeof createHoldService>;
