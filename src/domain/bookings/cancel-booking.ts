import type { Db } from '../../db/client.js';
import { findCancellationPolicies } from '../../db/queries/cancellation-policies.js';
import { findBookingsByIds, lockBooking, lockShowForBooking } from '../../db/queries/bookings.js';
import { recordSeatChange } from '../../db/queries/seat-changes.js';
import { findShowsAtVenue } from '../../db/queries/shows.js';
import { recordAudit } from '../audit/record-audit.js';
import type { BookingRow } from '../../db/schema/index.js';
import { CancellationNotAllowedError, NotFoundError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { runIdempotent } from '../idempotency.js';
import { inTransaction } from '../tx.js';
import { parseId, parseIdempotencyKey } from '../validation.js';
import { bookingCodec } from './booking-codec.js';
import { assertCanSeeBooking } from './booking-rules.js';
import { DEFAULT_TIERS, refundAmountOf, tierAt } from './cancellation-policy.js';
import { endConfirmedBooking } from './end-booking.js';

/**
 * cancelBooking (owner or admin): seats back on sale and the booking CANCELLED in one
 * transaction, with the refund the show's policy gives at this moment owed in the same
 * transaction (sent to Stripe after commit by the service, else by the worker).
 */
export async function cancelBooking(
  deps: { db: Db; clock: Clock },
  viewer: Viewer,
  input: { bookingId: string; idempotencyKey?: string | null },
): Promise<BookingRow> {
  const bookingId = parseId(input.bookingId, 'input.bookingId');
  const key = parseIdempotencyKey(input.idempotencyKey, 'input.idempotencyKey');
  const now = deps.clock.now();
  const [found] = await findBookingsByIds(deps.db, [bookingId]);
  if (!found) throw new NotFoundError('Booking', bookingId);
  assertCanSeeBooking(viewer, found);

  const { value } = await inTransaction(deps.db, (tx) =>
    runIdempotent(
      tx,
      { userId: viewer.id, key, operation: 'cancelBooking', input: { bookingId }, now },
      bookingCodec,
      async () => {
        const show = await lockShowForBooking(tx, found.showId);
        const booking = await lockBooking(tx, bookingId);
        if (!show || !booking) throw new NotFoundError('Booking', bookingId);
        if (booking.status === 'CANCELLED')
          throw new CancellationNotAllowedError('This booking is already cancelled');
        if (booking.status === 'PENDING_PAYMENT') {
          throw new CancellationNotAllowedError('This booking is not paid yet; release its hold instead', {
            holdId: booking.holdId,
          });
        }
        // A ticket used at the door was consumed: no refund, whatever the policy says. Read under
        // the booking's lock, so a scan racing this cancellation either came first or finds it
        // cancelled.
        if (booking.checkedInAt) {
          throw new CancellationNotAllowedError('This ticket was already used at the door', {
            reason: 'CHECKED_IN',
            checkedInAt: booking.checkedInAt.toISOString(),
          });
        }
        const [policy] = await findCancellationPolicies(tx, [booking.showId]);
        const tier = tierAt(policy?.tiers ?? DEFAULT_TIERS, show.startsAt, now);
        if (!tier) {
          throw new CancellationNotAllowedError('It is too late to cancel: the show starts too soon', {
            startsAt: show.startsAt.toISOString(),
          });
        }
        const refundAmount = refundAmountOf(booking.totalAmount, tier);
        const { booking: cancelled, freed } = await endConfirmedBooking(tx, booking, {
          refundAmount,
          reason: 'BOOKING_CANCELLED',
          now,
        });
        if (freed.length > 0) {
          await recordSeatChange(tx, {
            showId: booking.showId,
            cause: 'CANCEL_BOOKING',
            seats: freed.map((id) => ({ id, status: 'AVAILABLE' as const })),
          });
        }
        await recordAudit(tx, {
          action: 'booking.cancelled',
          actor: viewer,
          at: now,
          targetId: booking.id,
          venueId: (await findShowsAtVenue(tx, [booking.showId]))[0]?.venueId,
          showId: booking.showId,
          details: { reference: booking.reference, refundAmount, refundPercent: tier.refundPercent },
        });
        return cancelled;
      },
    ),
  );
  return value;
}
