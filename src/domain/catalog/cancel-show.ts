import { markShowCancelled, markShowsArchived } from '../../db/queries/show-writes.js';
import { hasLiveBookings, lockShowAtVenue } from '../../db/queries/shows.js';
import type { ShowRow } from '../../db/schema/index.js';
import { NotFoundError, ValidationError } from '../../errors.js';
import { assertCan, assertMayAct } from '../access/authorize.js';
import type { Action } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import { endBookingsOfShow } from '../bookings/end-booking.js';
import type { Tx } from '../../db/client.js';
import { runStaffCommand, type StaffCommandDeps } from '../staff-command.js';
import { parseId } from '../validation.js';
import { endSalesOfShow } from './end-sales.js';
import { showCodec } from './show-codec.js';

type Key = { idempotencyKey?: string | null };

/**
 * Cancels a show: no further holds or bookings, and its active holds are released in the same
 * transaction, its bookings cancelled with a full refund (all their seats back to AVAILABLE as
 * one new version). Cancelling a cancelled show returns it unchanged.
 */
export async function cancelShow(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { showId: string } & Key,
): Promise<ShowRow> {
  await assertMayAct(deps.db, actor, 'show.cancel');
  const showId = parseId(input.showId, 'showId');
  const call = {
    operation: 'cancelShow',
    input: { showId },
    keyField: 'idempotencyKey',
    idempotencyKey: input.idempotencyKey,
  };
  return runStaffCommand(deps, actor, call, showCodec, async (tx, at) => {
    const { venueId, ...show } = await lockShowExclusively(tx, actor, showId, 'show.cancel');
    const cancelled = await markShowCancelled(tx, showId, at);
    if (!cancelled) return show;
    // Bookings are cancelled with full refunds owed in this transaction (the worker sends them).
    const unbooked = await endBookingsOfShow(tx, showId, at);
    const freed = await endSalesOfShow(tx, showId, at, 'CANCEL', unbooked);
    await recordAudit(tx, {
      action: 'show.cancelled',
      actor,
      at,
      targetId: showId,
      venueId,
      showId,
      details: { freedSeats: freed.length, unbookedSeats: unbooked.length },
    });
    return cancelled;
  });
}

/**
 * Hides a show from the catalog and stops its sales (its holds are released). Only without live
 * bookings: a show with sold tickets is cancelled instead, which refunds them.
 */
export async function archiveShow(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: { showId: string } & Key,
): Promise<ShowRow> {
  await assertMayAct(deps.db, actor, 'show.archive');
  const showId = parseId(input.showId, 'input.showId');
  return runStaffCommand(
    deps,
    actor,
    { operation: 'archiveShow', input: { showId }, idempotencyKey: input.idempotencyKey },
    showCodec,
    async (tx, at) => {
      const { venueId, ...show } = await lockShowExclusively(tx, actor, showId, 'show.archive');
      if (show.archivedAt) return show;
      if (await hasLiveBookings(tx, { showId })) {
        throw new ValidationError('This show has bookings: cancel it instead (cancelShow)', 'input.showId', {
          reason: 'HAS_BOOKINGS',
        });
      }
      const [archived] = await markShowsArchived(tx, { showId }, at);
      const freed = await endSalesOfShow(tx, showId, at, 'ARCHIVE');
      await recordAudit(tx, {
        action: 'show.archived',
        actor,
        at,
        targetId: showId,
        venueId,
        showId,
        details: { freedSeats: freed.length },
      });
      return archived!;
    },
  );
}

/**
 * Locks a show against everything, holds being placed included (their hold rows share-lock the
 * show: this waits for them, and later ones wait for this commit and then see the change).
 */
async function lockShowExclusively(tx: Tx, actor: Viewer, showId: string, action: Action) {
  const show = await lockShowAtVenue(tx, showId, { exclusive: true });
  if (!show) throw new NotFoundError('Show', showId);
  await assertCan(tx, actor, action, { venueId: show.venueId });
  return show;
}
