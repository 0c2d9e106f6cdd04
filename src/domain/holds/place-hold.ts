import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../../db/client.js';
import {
  deactivateHoldSeats,
  findSeatPlacesAround,
  releaseSeatsOfHolds,
} from '../../db/queries/hold-seats.js';
import {
  endReplacedHold,
  findHoldRequestContext,
  insertHoldAndTakeSeats,
  lockUserForHold,
  recordHeldSeats,
  type HoldRequestContext,
  type RequestedSeat,
} from '../../db/queries/place-hold.js';
import type { HoldRow, SeatChangeEntry } from '../../db/schema/index.js';
import {
  HoldLimitError,
  NotFoundError,
  SeatsUnavailableError,
  UnauthenticatedError,
  ValidationError,
} from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { runIdempotent } from '../idempotency.js';
import { inTransaction } from '../tx.js';
import { parseId, parseIdempotencyKey } from '../validation.js';
import { suggestAlternatives } from './alternatives.js';
import { holdCodec } from './hold-codec.js';
import type { HoldConfig } from './hold-config.js';

export interface PlaceHoldInput {
  showId: string;
  seatIds: readonly string[];
  idempotencyKey?: string | null;
}

interface Deps {
  db: Db;
  clock: Clock;
  config: HoldConfig;
}

/**
 * holdSeats: all requested seats go AVAILABLE -> HELD in one transaction, or none do. The
 * viewer's previous hold on the same show is released in the same transaction (seat-map click
 * flow), and the change is logged as one new version of the show.
 */
export async function placeHold(deps: Deps, viewer: Viewer, input: PlaceHoldInput): Promise<HoldRow> {
  const { db, clock, config } = deps;
  const showId = parseId(input.showId, 'input.showId');
  const seatIds = parseSeatIds(input.seatIds, config.maxSeats);
  const key = parseIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey');

  const context = await findHoldRequestContext(db, showId, seatIds);
  if (!context) throw new NotFoundError('Show', showId);
  const { show, prices, seats: requested } = context;
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
  const quote = requested.map((s) => ({ id: s.id, priceAmount: prices[s.section] ?? 0 }));
  const hold: HoldRow = {
    id: randomUUID(),
    userId: viewer.id,
    showId,
    status: 'ACTIVE',
    expiresAt: new Date(now.getTime() + config.ttlSeconds * 1000),
    totalAmount: quote.reduce((sum, q) => sum + q.priceAmount, 0),
    currency: show.currency,
    extensions: 0,
    createdAt: now,
    endedAt: null,
  };

  try {
    const { value } = await inTransaction(db, (tx) =>
      runIdempotent(
        tx,
        { userId: viewer.id, key, operation: 'holdSeats', input: { showId, seatIds }, now },
        holdCodec,
        () => holdInTransaction(tx, { viewer, hold, seatIds, quote, config }),
      ),
    );
    return value;
  } catch (err) {
    if (err instanceof SeatsUnavailableError) throw await withAlternatives(db, err, showId, seatIds, now);
    throw err;
  }
}

async function holdInTransaction(
  tx: Tx,
  a: {
    viewer: Viewer;
    hold: HoldRow;
    seatIds: string[];
    quote: { id: string; priceAmount: number }[];
    config: HoldConfig;
  },
): Promise<HoldRow> {
  const { viewer, hold, seatIds, config } = a;
  const now = hold.createdAt;
  const user = await lockUserForHold(tx, viewer.id, hold.showId, now);
  if (!user) throw new UnauthenticatedError('This account no longer exists');
  if (user.activeElsewhere >= config.maxActivePerUser) {
    throw new HoldLimitError(`You already have ${user.activeElsewhere} active holds; release one first`, {
      maxActiveHolds: config.maxActivePerUser,
    });
  }
  let freed: string[] = [];
  if (user.previousHoldId) {
    await endReplacedHold(tx, user.previousHoldId, now);
    freed = (await releaseSeatsOfHolds(tx, [user.previousHoldId])).map((s) => s.id);
  }

  const taken = await insertHoldAndTakeSeats(tx, hold, seatIds, now);
  if (taken.length !== seatIds.length) {
    const got = new Set(taken.map((t) => t.id));
    throw new SeatsUnavailableError(seatIds.filter((id) => !got.has(id)));
  }
  // Seats taken over from expired holds leave those holds (the worker ends them later).
  const reclaimed = taken.filter((t) => t.reclaimedFrom !== null).map((t) => t.id);
  if (reclaimed.length > 0) await deactivateHoldSeats(tx, { showSeatIds: reclaimed });

  const held = new Set(seatIds);
  const change: SeatChangeEntry[] = [
    ...freed.filter((id) => !held.has(id)).map((id) => ({ id, status: 'AVAILABLE' as const })),
    ...seatIds.map((id) => ({ id, status: 'HELD' as const })),
  ];
  if (!(await recordHeldSeats(tx, { holdId: hold.id, showId: hold.showId, quote: a.quote, change, now }))) {
    throw new ValidationError('This show is not on sale', 'input.showId');
  }
  return hold;
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

function assertOnSale(show: HoldRequestContext['show'], now: Date): void {
  if (show.status === 'CANCELLED') throw new ValidationError('This show is cancelled', 'input.showId');
  if (show.startsAt <= now)
    throw new ValidationError('This show has started; sales are closed', 'input.showId');
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
