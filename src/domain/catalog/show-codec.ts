import type { ShowRow } from '../../db/schema/index.js';
import { rowCodec } from '../idempotency.js';

/** A show as stored for idempotent replays of staff commands. */
export const showCodec = rowCodec<ShowRow>(
  'startsAt',
  'endsAt',
  'salesStartAt',
  'salesEndAt',
  'createdAt',
  'cancelledAt',
  'archivedAt',
);
