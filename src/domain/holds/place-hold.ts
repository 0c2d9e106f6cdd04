import { randomUUID } from 'node:crypto';
import type { Db, Tx } from '../../db/client.js';
import {
  acquireSeats,
  deactivateHoldSeats,
  findSeatPlacesAround,
  findShowSeatsByIds,
  insertHoldSeats,
  releaseSeatsOfHolds,
  type RequestedSeat,
} from '../../db/queries/hold-seats.js';
import {
  endActiveHoldOfUserOnShow,
  insertHold,
  lockUserAndCountActiveHolds,
} from '../../db/queries/holds.js';
import { recordSeatChange } from '../../db/queries/seat-changes.js';
import { findShowPricesByShowIds, findShowsByIds } from '../../db/queries/shows.js';
import type { HoldRow, SeatChangeEntry, ShowRow } from '../../db/schema/index.js';
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

  const [show] = await findShowsByIds(db, [showId]);
  if (!show) throw new NotFoundError('Show', showId);
  const now = clock.now();
  assertOnSale(show, now);
  const prices = new Map((await findShowPricesByShowIds(db, [showId])).map((p) => [p.section, p.amount]));
  const requested = await findShowSeatsByIds(db, seatIds);
  const foreign = seatIds.filter((id) => !requested.some((s) => s.id === id && s.showId === showId));
  if (foreign.length > 0) {
    throw new ValidationError('Some seat ids are not seats of this show', 'input.seatIds', {
      invalidSeatIds: foreign,
    });
  }
  // Losers of a race mostly ask for seats already taken: answer from this read, without a
  // transaction. With an idempotency key the stored first answer wins, so no shortcut then.
  const taken = key === undefined ? requested.filter((s) => !isFreeFor(s, viewer, now)).map((s) => s.id) : [];
  if (taken.length > 0)
    throw await withAlternatives(db, new SeatsUnavailableError(taken), requested, seatIds, now);
  const quote = requested.map((s) => ({ id: s.id, priceAmount: prices.get(s.section) ?? 0 }));
  const total = quote.reduce((sum, q) => sum + q.priceAmount, 0);

  try {
    const { value } = await inTransaction(db, (tx) =>
      runIdempotent(
        tx,
        { userId: viewer.id, key, operation: 'holdSeats', input: { showId, seatIds }, now },
        holdCodec,
        () => holdInTransaction(tx, { viewer, show, seatIds, quote, total, now, config }),
      ),
    );
    return value;
  } catch (err) {
    if (err instanceof SeatsUnavailableError) throw await withAlternatives(db, err, requested, seatIds, now);
    throw err;
  }
}

async function holdInTransaction(
  tx: Tx,
  a: {
    viewer: Viewer;
    show: ShowRow;
    seatIds: string[];
    quote: { id: string; priceAmount: number }[];
    total: number;
    now: Date;
    config: HoldConfig;
  },
): Promise<HoldRow> {
  const { viewer, show, seatIds, now, config } = a;
  const activeElsewhere = await lockUserAndCountActiveHolds(tx, viewer.id, now, show.id);
  if (activeElsewhere === undefined) throw new UnauthenticatedError('This account no longer exists');
  if (activeElsewhere >= config.maxActivePerUser) {
    throw new HoldLimitError(`You already have ${activeElsewhere} active holds; release one first`, {
      maxActiveHolds: config.maxActivePerUser,
    });
  }

  const previous = await endActiveHoldOfUserOnShow(tx, viewer.id, show.id, now);
  const freed = previous ? await releaseSeatsOfHolds(tx, [previous]) : [];
  if (previous) await deactivateHoldSeats(tx, { holdIds: [previous] });

  const expiresAt = new Date(now.getTime() + config.ttlSeconds * 1000);
  const hold = await insertHold(tx, {
    id: randomUUID(),
    userId: viewer.id,
    showId: show.id,
    expiresAt,
    totalAmount: a.total,
    currency: show.currency,
    createdAt: now,
  });
  const taken = await acquireSeats(tx, { showId: show.id, seatIds, holdId: hold.id, expiresAt, now });
  if (taken.length !== seatIds.length) {
    const got = new Set(taken.map((t) => t.id));
    throw new SeatsUnavailableError(seatIds.filter((id) => !got.has(id)));
  }
  // Seats taken over from expired holds leave those holds (the worker ends them later).
  const reclaimed = taken.filter((t) => t.reclaimedFrom !== null).map((t) => t.id);
  if (reclaimed.length > 0) await deactivateHoldSeats(tx, { showSeatIds: reclaimed });
  await insertHoldSeats(tx, hold.id, a.quote);

  const held = new Set(seatIds);
  const seats: SeatChangeEntry[] = [
    ...freed.filter((s) => !held.has(s.id)).map((s) => ({ id: s.id, status: 'AVAILABLE' as const })),
    ...seatIds.map((id) => ({ id, status: 'HELD' as const })),
  ];
  const version = await recordSeatChange(tx, { showId: show.id, cause: 'HOLD', seats, onSaleAt: now });
  if (version === undefined) throw new ValidationError('This show is not on sale', 'input.showId');
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

function assertOnSale(show: ShowRow, now: Date): void {
  if (show.status === 'CANCELLED') throw new ValidationError('This show is cancelled', 'input.showId');
  if (show.startsAt <= now)
    throw new ValidationError('This show has started; sales are closed', 'input.showId');
}

async function withAlternatives(
  db: Db,
  err: SeatsUnavailableError,
  requested: RequestedSeat[],
  seatIds: string[],
  now: Date,
): Promise<SeatsUnavailableError> {
  const places = await findSeatPlacesAround(db, requested[0]!.showId, seatIds, now);
  const wanted = places.filter((p) => seatIds.includes(p.id));
  const unavailable = err.details['unavailableSeatIds'] as string[];
  return new SeatsUnavailableError(unavailable, suggestAlternatives(places, wanted, seatIds.length));
}
