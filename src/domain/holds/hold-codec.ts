import type { HoldRow } from '../../db/schema/index.js';
import type { IdempotencyCodec } from '../idempotency.js';

/** A hold as stored for idempotent replays: JSON, with its dates revived. */
export const holdCodec: IdempotencyCodec<HoldRow> = {
  encode: (hold) => hold,
  decode: (json) => {
    const h = json as HoldRow & { expiresAt: string; createdAt: string; endedAt: string | null };
    return {
      ...h,
      expiresAt: new Date(h.expiresAt),
      createdAt: new Date(h.createdAt),
      endedAt: h.endedAt ? new Date(h.endedAt) : null,
    };
  },
};
