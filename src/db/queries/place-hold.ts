import { sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { findPgError } from '../errors.js';
import { ts, uuidArray } from './sql-helpers.js';

/**
 * The statements of one holdSeats call: one read before, one function call for the transaction.
 * A hold is the hottest write of an on-sale, and each round trip costs CPU on both sides and
 * holds a pooled connection (and, once seats are updated, row locks) longer.
 */

export type RequestedSeat = {
  id: string;
  showId: string;
  section: string;
  status: 'AVAILABLE' | 'HELD' | 'BOOKED' | 'BLOCKED';
  /** For HELD seats: when the hold ends and whose it is. */
  holdExpiresAt: string | null;
  holdUserId: string | null;
};

export interface HoldRequestContext {
  show: {
    id: string;
    status: 'SCHEDULED' | 'CANCELLED';
    startsAt: Date;
    currency: string;
    salesStartAt: Date | null;
    salesEndAt: Date | null;
    archivedAt: Date | null;
    /** The version the prices below belong to; the hold's transaction refuses another. */
    pricesVersion: number;
  };
  prices: Record<string, number>;
  seats: RequestedSeat[];
}

const date = (v: string | null) => (v === null ? null : new Date(v));

/** The show, its section prices and the requested seats as they are now, in one statement. */
export async function findHoldRequestContext(
  db: DbOrTx,
  showId: string,
  seatIds: readonly string[],
): Promise<HoldRequestContext | undefined> {
  const [row] = await db.execute<{
    id: string;
    status: 'SCHEDULED' | 'CANCELLED';
    startsAt: string;
    currency: string;
    salesStartAt: string | null;
    salesEndAt: string | null;
    archivedAt: string | null;
    pricesVersion: number;
    prices: Record<string, number> | null;
    seats: RequestedSeat[] | null;
  }>(sql`
    select sh.id, sh.status, sh.starts_at as "startsAt", sh.currency, sh.sales_start_at as "salesStartAt",
      sh.sales_end_at as "salesEndAt", sh.archived_at as "archivedAt", sh.prices_version as "pricesVersion",
      (select json_object_agg(p.section, p.amount) from show_prices p where p.show_id = sh.id) as prices,
      (select json_agg(json_build_object('id', ss.id, 'showId', ss.show_id, 'section', ss.section,
                'status', ss.status, 'holdExpiresAt', ss.hold_expires_at, 'holdUserId', h.user_id))
         from show_seats ss left join holds h on h.id = ss.hold_id
        where ss.id = any(${uuidArray(seatIds)})) as seats
    from shows sh where sh.id = ${showId}`);
  if (!row) return undefined;
  return {
    show: {
      id: row.id,
      status: row.status,
      startsAt: new Date(row.startsAt),
      currency: row.currency,
      salesStartAt: date(row.salesStartAt),
      salesEndAt: date(row.salesEndAt),
      archivedAt: date(row.archivedAt),
      pricesVersion: row.pricesVersion,
    },
    prices: row.prices ?? {},
    seats: row.seats ?? [],
  };
}

export type PlaceHoldOutcome =
  | { outcome: 'OK' }
  | { outcome: 'PRICES_CHANGED' }
  | { outcome: 'NO_USER' }
  | { outcome: 'LIMIT'; activeElsewhere: number }
  | { outcome: 'UNAVAILABLE'; seatIds: string[] }
  | { outcome: 'NOT_ON_SALE' }
  | { outcome: 'IP_CAP'; heldFromIp: number }
  | { outcome: 'PURCHASE_LIMIT'; owned: number; limit: number };

const OUTCOME_BY_SQLSTATE: Record<string, (detail: string) => PlaceHoldOutcome> = {
  BXNOU: () => ({ outcome: 'NO_USER' }),
  BXLIM: (detail) => ({ outcome: 'LIMIT', activeElsewhere: Number(detail) }),
  BXUNA: (detail) => ({ outcome: 'UNAVAILABLE', seatIds: JSON.parse(detail) as string[] }),
  BXOFF: () => ({ outcome: 'NOT_ON_SALE' }),
  BXPRC: () => ({ outcome: 'PRICES_CHANGED' }),
  BXIPC: (detail) => ({ outcome: 'IP_CAP', heldFromIp: Number(detail) }),
  BXCAP: (detail) => {
    const [owned = 0, limit = 0] = detail.split(':').map(Number);
    return { outcome: 'PURCHASE_LIMIT', owned, limit };
  },
};

/**
 * Places a hold with `boxoffice_place_hold` (migration 0008): user lock and limits, the event's
 * purchase cap, the per-IP cap on seats held per show (when `ipSeatCap` is set), replacing the
 * user's previous hold on the show, taking the seats and their price quote, and the log row
 * written only while the show sells and its prices are still at `pricesVersion`, in one round
 * trip. `seatIds` must be sorted and `prices` aligned with them. A failure has rolled back
 * everything the call did (and aborted the caller's transaction, if any).
 */
export async function placeHoldRow(
  db: DbOrTx,
  a: {
    holdId: string;
    userId: string;
    showId: string;
    seatIds: readonly string[];
    prices: readonly number[];
    total: number;
    pricesVersion: number;
    currency: string;
    now: Date;
    expiresAt: Date;
    maxActive: number;
    /** The client's IP and the most seats it may hold of the show; null: no cap. */
    clientIp: string | null;
    ipSeatCap: number | null;
    /** Check the event's maxTicketsPerUser (seats held plus seats in live bookings of the show). */
    enforcePurchaseLimit: boolean;
  },
): Promise<PlaceHoldOutcome> {
  try {
    await db.execute(sql`
      select boxoffice_place_hold(${a.holdId}, ${a.userId}, ${a.showId}, ${uuidArray(a.seatIds)},
        ${sql.param([...a.prices])}::int[], ${a.total}, ${a.pricesVersion}, ${a.currency}, ${ts(a.now)},
        ${ts(a.expiresAt)}, ${a.maxActive}, ${a.clientIp}, ${a.ipSeatCap}::int, ${a.enforcePurchaseLimit})`);
    return { outcome: 'OK' };
  } catch (err) {
    const pg = findPgError(err);
    const outcome = pg?.code ? OUTCOME_BY_SQLSTATE[pg.code] : undefined;
    if (!outcome) throw err;
    return outcome(pg?.detail ?? '');
  }
}
