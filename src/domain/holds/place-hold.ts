import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.js';
import { findSeatPlacesAround } from '../../db/queries/hold-seats.js';
import {
  findHoldRequestContext,
  placeHoldRow,
  type HoldRequestContext,
  type PlaceHoldOutcome,
  type RequestedSeat,
} from '../../db/queries/place-hold.js';
import { findShowsByIds } from '../../db/queries/shows.js';
import type { HoldRow, ShowRow } from '../../db/schema/index.js';
import { isEmailVerified } from '../../db/queries/users.js';
import {
  ForbiddenError,
  HoldLimitError,
  NotFoundError,
  NotOnSaleError,
  PurchaseLimitError,
  SeatsUnavailableError,
  UnauthenticatedError,
  ValidationError,
} from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { runIdempotent } from '../idempotency.js';
import { inTransaction, retryOnConflict } from '../tx.js';
import { parseId, parseIdempotencyKey } from '../validation.js';
import { salesStateAt, type NotOnSaleReason } from '../catalog/sales-window.js';
import { suggestAlternatives } from './alternatives.js';
import { holdCodec } from './hold-codec.js';
import type { HoldConfig } from './hold-config.js';

export interface PlaceHoldInput {
  showId: string;
  seatIds: readonly string[];
  idempotencyKey?: string | null;
}

/** Where a hold request comes from, for the per-IP cap (`HoldConfig.ipHeldSeatsPerShow`). */
export interface HoldOrigin {
  clientIp?: string | undefined;
}

interface Deps {
  db: Db;
  clock: Clock;
  config: HoldConfig;
}

/**
 * holdSeats: all requested seats go AVAILABLE -> HELD in one transaction, or none do. The
 * viewer's previous hold on the same show is released in the same transaction (seat-map click
 * flow), and the change is logged once (one new version of the show once sequenced).
 */
export async function placeHold(
  deps: Deps,
  viewer: Viewer,
  input: PlaceHoldInput,
  origin: HoldOrigin = {},
): Promise<HoldRow> {
  const { db, config } = deps;
  const showId = parseId(input.showId, 'input.showId');
  const seatIds = parseSeatIds(input.seatIds, config.maxSeats);
  const key = parseIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey');
  if (config.requireVerifiedEmail) await assertEmailVerified(db, viewer);
  // A price change between the quote and the transaction makes the transaction refuse the hold
  // (it checks the show's price version): quote again. Prices change rarely, so once is plenty.
  for (let attempt = 1; ; attempt++) {
    const hold = await attemptHold(deps, viewer, { showId, seatIds, key }, origin);
    if (hold !== PRICES_CHANGED) return hold;
    if (attempt === MAX_QUOTES) throw new Error(`the prices of show ${showId} kept changing during a hold`);
  }
}

const PRICES_CHANGED = Symbol('prices changed');
const MAX_QUOTES = 3;

/** One read, quote and transaction; PRICES_CHANGED when the quote went stale before it committed. */
async function attemptHold(
  deps: Deps,
  viewer: Viewer,
  { showId, seatIds, key }: { showId: string; seatIds: string[]; key: string | undefined },
  origin: HoldOrigin,
): Promise<HoldRow | typeof PRICES_CHANGED> {
  const { db, clock, config } = deps;
  const context = await findHoldRequestContext(db, showId, seatIds);
  if (!context) throw new NotFoundError('Show', showId);
  const { show, prices: sectionPrices, seats: requested } = context;
  const now = clock.now();
  assertOnSale(show, now);
  const foreign = seatIds.filter((id) => !requested.some((s) => s.id === id && s.showId === showId));
  if (foreign.length > 0) {
    throw new ValidationError('Some seat ids are not seats of this show', 'input.seatIds', {
      invalidSeatIds: foreign,
    });
  }
  // Losers of a race mostly ask for seats already taken: answer from this read, without a
  // transaction. With an idempotency key the stored first answer wins, so no shortcut then.
  const taken = key === undefined ? requested.filter((s) => !isFreeFor(s, viewer, now)).map((s) => s.id) : [];
  if (taken.length > 0) {
    throw await withAlternatives(db, new SeatsUnavailableError(taken), showId, seatIds, now);
  }
  const call = quoteHold(viewer, show, seatIds, requested, sectionPrices, now, config, origin);
  try {
    if (key === undefined) {
      // One statement is its own transaction: no BEGIN/COMMIT round trips on the hot path.
      const result = await retryOnConflict(() => placeHoldRow(db, call));
      if (result.outcome === 'PRICES_CHANGED') return PRICES_CHANGED;
      await assertPlaced(db, result, config, call);
      return holdOf(call);
    }
    const { value } = await inTransaction(db, (tx) =>
      runIdempotent(
        tx,
        { userId: viewer.id, key, operation: 'holdSeats', input: { showId, seatIds }, now },
        holdCodec,
        async () => {
          const result = await placeHoldRow(tx, call);
          // The transaction is aborted: leave it (nothing is stored for the key) and quote again.
          if (result.outcome === 'PRICES_CHANGED') throw new QuoteWentStale();
          await assertPlaced(db, result, config, call);
          return holdOf(call);
        },
      ),
    );
    return value;
  } catch (err) {
    if (err instanceof QuoteWentStale) return PRICES_CHANGED;
    if (err instanceof SeatsUnavailableError) throw await withAlternatives(db, err, showId, seatIds, now);
    throw err;
  }
}

class QuoteWentStale extends Error {}

type PlaceHoldCall = Parameters<typeof placeHoldRow>[1];

/**
 * The new hold's row values and price quote (each seat at its section's price as read, valid
 * for the show's price version), and the caps that apply to it.
 */
function quoteHold(
  viewer: Viewer,
  show: HoldRequestContext['show'],
  seatIds: string[],
  requested: RequestedSeat[],
  sectionPrices: Record<string, number>,
  now: Date,
  config: HoldConfig,
  origin: HoldOrigin,
): PlaceHoldCall {
  // Admins sell at the box office from one terminal: no per-IP cap for them.
  const capped = config.ipHeldSeatsPerShow !== undefined && origin.clientIp && viewer.role !== 'ADMIN';
  const sectionOf = new Map(requested.map((s) => [s.id, s.section]));
  const prices = seatIds.map((id) => sectionPrices[sectionOf.get(id)!] ?? 0);
  return {
    holdId: randomUUID(),
    userId: viewer.id,
    showId: show.id,
    seatIds,
    prices,
    total: prices.reduce((sum, p) => sum + p, 0),
    pricesVersion: show.pricesVersion,
    currency: show.currency,
    now,
    expiresAt: new Date(now.getTime() + config.ttlSeconds * 1000),
    maxActive: config.maxActivePerUser,
    clientIp: capped ? origin.clientIp! : null,
    ipSeatCap: capped ? config.ipHeldSeatsPerShow! : null,
    // Admins sell at the box office for many buyers: the per-buyer cap is not theirs.
    enforcePurchaseLimit: viewer.role !== 'ADMIN',
  };
}

function holdOf(call: PlaceHoldCall): HoldRow {
  return {
    id: call.holdId,
    userId: call.userId,
    showId: call.showId,
    status: 'ACTIVE',
    expiresAt: call.expiresAt,
    totalAmount: call.total,
    currency: call.currency,
    extensions: 0,
    clientIp: call.ipSeatCap === null ? null : call.clientIp,
    createdAt: call.now,
    endedAt: null,
  };
}

/** Turns the transaction's outcome into the contract's errors (a stale quote is the caller's). */
async function assertPlaced(
  db: Db,
  result: Exclude<PlaceHoldOutcome, { outcome: 'PRICES_CHANGED' }>,
  config: HoldConfig,
  call: PlaceHoldCall,
): Promise<void> {
  switch (result.outcome) {
    case 'OK':
      return;
    case 'NO_USER':
      throw new UnauthenticatedError('This account no longer exists');
    case 'LIMIT':
      throw new HoldLimitError(`You already have ${result.activeElsewhere} active holds; release one first`, {
        maxActiveHolds: config.maxActivePerUser,
      });
    case 'UNAVAILABLE':
      throw new SeatsUnavailableError(result.seatIds);
    case 'IP_CAP':
      throw new HoldLimitError(
        `Your network already holds ${result.heldFromIp} seats of this show (at most ${config.ipHeldSeatsPerShow} per client IP); complete or release a hold first`,
        { reason: 'IP_HELD_SEATS_PER_SHOW', limit: config.ipHeldSeatsPerShow, heldFromIp: result.heldFromIp },
      );
    case 'NOT_ON_SALE': {
      // The show stopped selling while this request ran (its window moved, it was cancelled or
      // archived): say why as the show is now.
      const [show] = await findShowsByIds(db, [call.showId]);
      const state = show ? salesStateAt(show, call.now) : undefined;
      throw notOnSale(show ?? null, !state || state.onSale ? 'CLOSED' : state.reason);
    }
    case 'PURCHASE_LIMIT':
      throw new PurchaseLimitError(result.limit, result.owned);
  }
}

function parseSeatIds(raw: readonly string[], max: number): string[] {
  if (raw.length === 0) throw new ValidationError('Choose at least one seat', 'input.seatIds');
  if (raw.length > max)
    throw new ValidationError(`At most ${max} seats per hold`, 'input.seatIds', { maxSeats: max });
  const ids = raw.map((id, i) => parseId(id, `input.seatIds[${i}]`));
  if (new Set(ids).size !== ids.length) throw new ValidationError('A seat appears twice', 'input.seatIds');
  return ids.sort();
}

/** Free, or held by an expired hold, or held by the viewer's own hold (which the new one replaces). */
function isFreeFor(seat: RequestedSeat, viewer: Viewer, now: Date): boolean {
  if (seat.status === 'AVAILABLE') return true;
  if (seat.status !== 'HELD') return false;
  return seat.holdUserId === viewer.id || new Date(seat.holdExpiresAt!).getTime() <= now.getTime();
}

/**
 * REQUIRE_VERIFIED_EMAIL, before the hold transaction: a verified viewer (as the session cache
 * read it) costs nothing; otherwise the database decides, since the cache may be a second old.
 * An email never becomes unverified again, so a check outside the transaction cannot race.
 */
async function assertEmailVerified(db: Db, viewer: Viewer): Promise<void> {
  if (viewer.emailVerified || (await isEmailVerified(db, viewer.id))) return;
  throw new ForbiddenError(
    'Verify your email address before holding seats: enter the code you were sent with verifyEmail (requestEmailVerificationCode sends a new one)',
    { reason: 'EMAIL_NOT_VERIFIED' },
  );
}

/** The sales window, checked before the transaction to answer early; the transaction checks it again. */
function assertOnSale(show: HoldRequestContext['show'], now: Date): void {
  const state = salesStateAt(show, now);
  if (!state.onSale) throw notOnSale(show, state.reason);
}

const NOT_ON_SALE_MESSAGES: Record<NotOnSaleReason, string> = {
  NOT_YET_OPEN: 'Sales for this show have not opened yet',
  CLOSED: 'Sales for this show have closed',
  STARTED: 'This show has started; sales are closed',
  CANCELLED: 'This show is cancelled',
  ARCHIVED: 'This show is no longer sold',
};

function notOnSale(show: Pick<ShowRow, 'salesStartAt'> | null, reason: NotOnSaleReason): NotOnSaleError {
  return new NotOnSaleError(NOT_ON_SALE_MESSAGES[reason], {
    reason,
    ...(reason === 'NOT_YET_OPEN' && show?.salesStartAt
      ? { salesStartAt: show.salesStartAt.toISOString() }
      : {}),
  });
}

async function withAlternatives(
  db: Db,
  err: SeatsUnavailableError,
  showId: string,
  seatIds: string[],
  now: Date,
): Promise<SeatsUnavailableError> {
  const places = await findSeatPlacesAround(db, showId, seatIds, now);
  const wanted = places.filter((p) => seatIds.includes(p.id));
  const unavailable = err.details['unavailableSeatIds'] as string[];
  return new SeatsUnavailableError(unavailable, suggestAlternatives(places, wanted, seatIds.length));
}
