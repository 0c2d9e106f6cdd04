import { recordSeatChange } from '../../db/queries/seat-changes.js';
import { blockFreeSeats, unblockSeats as unblockSeatRows } from '../../db/queries/show-seats.js';
import type { ShowRow } from '../../db/schema/index.js';
import { SeatsUnavailableError, ValidationError } from '../../errors.js';
import { assertMayAct } from '../access/authorize.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import { runStaffCommand, type StaffCommandDeps } from '../staff-command.js';
import { parseId, parseOptionalText } from '../validation.js';
import { showCodec } from './show-codec.js';
import { lockShowFor } from './update-show.js';

/** Seats one blockSeats or unblockSeats call may change. */
export const MAX_BLOCK_SEATS = 1_000;

type Key = { idempotencyKey?: string | null };

/**
 * Takes seats off sale for one show (house seats, a broken seat, a camera position): all listed
 * seats must be free (AVAILABLE, or held by a hold that has expired), else nothing changes and
 * SEATS_UNAVAILABLE lists the others. One seat
 * change (a new version), so every live seat map shows them BLOCKED.
 */
export async function blockSeats(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { showId: string; seatIds: readonly string[]; reason?: string | null } & Key,
): Promise<ShowRow> {
  await assertMayAct(deps.db, actor, 'show.blockSeats');
  const showId = parseId(input.showId, 'input.showId');
  const seatIds = parseSeatList(input.seatIds);
  const reason = parseOptionalText(input.reason, 'input.reason', { max: 200 });
  const call = {
    operation: 'blockSeats',
    input: { showId, seatIds, reason },
    idempotencyKey: input.idempotencyKey,
  };
  return runStaffCommand(deps, actor, call, showCodec, async (tx, at) => {
    const { venueId, ...show } = await lockShowFor(tx, actor, showId, 'show.blockSeats');
    const blocked = await blockFreeSeats(tx, showId, seatIds, at);
    if (blocked.length !== seatIds.length) {
      throw new SeatsUnavailableError(seatIds.filter((id) => !blocked.includes(id)));
    }
    await recordSeatChange(tx, {
      showId,
      cause: 'BLOCK',
      seats: blocked.map((id) => ({ id, status: 'BLOCKED' })),
    });
    await recordAudit(tx, {
      action: 'show.seatsBlocked',
      actor,
      at,
      targetId: showId,
      venueId,
      showId,
      details: { seatIds, reason },
    });
    return show;
  });
}

/**
 * Puts seats blocked with blockSeats back on sale (one seat change). Seats that are not blocked,
 * or that the screen's layout blocks for every show, are BAD_USER_INPUT and nothing changes.
 */
export async function unblockSeats(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { showId: string; seatIds: readonly string[] } & Key,
): Promise<ShowRow> {
  await assertMayAct(deps.db, actor, 'show.blockSeats');
  const showId = parseId(input.showId, 'input.showId');
  const seatIds = parseSeatList(input.seatIds);
  const call = {
    operation: 'unblockSeats',
    input: { showId, seatIds },
    idempotencyKey: input.idempotencyKey,
  };
  return runStaffCommand(deps, actor, call, showCodec, async (tx, at) => {
    const { venueId, ...show } = await lockShowFor(tx, actor, showId, 'show.blockSeats');
    const freed = await unblockSeatRows(tx, showId, seatIds);
    if (freed.length !== seatIds.length) {
      throw new ValidationError(
        'Some seats are not blocked for this show, or are blocked by the screen layout',
        'input.seatIds',
        { notUnblockableSeatIds: seatIds.filter((id) => !freed.includes(id)) },
      );
    }
    await recordSeatChange(tx, {
      showId,
      cause: 'UNBLOCK',
      seats: freed.map((id) => ({ id, status: 'AVAILABLE' })),
    });
    await recordAudit(tx, {
      action: 'show.seatsUnblocked',
      actor,
      at,
      targetId: showId,
      venueId,
      showId,
      details: { seatIds },
    });
    return show;
  });
}

function parseSeatList(raw: readonly string[]): string[] {
  if (raw.length === 0) throw new ValidationError('List at least one seat', 'input.seatIds');
  if (raw.length > MAX_BLOCK_SEATS)
    throw new ValidationError(`At most ${MAX_BLOCK_SEATS} seats at once`, 'input.seatIds');
  const ids = raw.map((id, i) => parseId(id, `input.seatIds[${i}]`));
  if (new Set(ids).size !== ids.length) throw new ValidationError('A seat appears twice', 'input.seatIds');
  return ids.sort();
}
