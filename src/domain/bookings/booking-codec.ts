import type { BookingRow } from '../../db/schema/index.js';
import type { IdempotencyCodec } from '../idempotency.js';

const date = (v: unknown) => (v == null ? null : new Date(v as string));

/** A booking as stored for idempotent replays: JSON, with its dates revived. */
export const bookingCodec: IdempotencyCodec<BookingRow> = {
  encode: (booking) => booking,
  decode: (json) => {
    const b = json as BookingRow;
    return {
      ...b,
      createdAt: new Date(b.createdAt as unknown as string),
      confirmedAt: date(b.confirmedAt),
      cancelledAt: date(b.cancelledAt),
      checkedInAt: date(b.checkedInAt),
    };
  },
};
