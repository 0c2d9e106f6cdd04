import type { Db } from '../../db/client.js';
import { findRefundsOfBookings } from '../../db/queries/refunds.js';
import type { BookingRow } from '../../db/schema/index.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import type { PaymentGateway } from '../payments/payment-gateway.js';
import { sendRefunds } from '../payments/send-refunds.js';
import { isId } from '../validation.js';
import { cancelBooking } from './cancel-booking.js';
import { checkIn } from './check-in.js';
import { confirmBooking, type ConfirmBookingInput } from './confirm-booking.js';
import { getBooking, listBookingsOf } from './read-bookings.js';
import { setCancellationPolicy } from './set-cancellation-policy.js';
import { type TicketCodec, ticketQrSvg } from './tickets.js';

/** After-commit wake-ups for the real-time side (seat-change sequencer, hold subscribers). */
export interface BookingEvents {
  seatsChanged(): void;
  holdChanged(holdId: string): void;
}

export interface BookingServiceDeps {
  db: Db;
  clock: Clock;
  gateway: PaymentGateway;
  tickets: TicketCodec;
  /** checkIn admits a ticket from this long before its show starts until the show ends. */
  doorsOpenSeconds: number;
  events?: BookingEvents;
}

/** Bookings: pay for a hold, cancel, read, tickets and the door check-in. */
export function createBookingService(deps: BookingServiceDeps) {
  return {
    confirmBooking: (viewer: Viewer, input: ConfirmBookingInput) =>
      confirmBooking(deps, viewer, input).finally(() => {
        // Whatever the answer, seats or the hold may have changed (booked, or a refund decided).
        deps.events?.seatsChanged();
        if (isId(input.holdId)) deps.events?.holdChanged(input.holdId.toLowerCase());
      }),

    async cancelBooking(viewer: Viewer, input: { bookingId: string; idempotencyKey?: string | null }) {
      const booking = await cancelBooking(deps, viewer, input);
      deps.events?.seatsChanged();
      // The refund was owed in the cancelling transaction; send it now, or the worker will.
      const [refund] = await findRefundsOfBookings(deps.db, [booking.id]);
      if (refund?.status === 'PENDING')
        await sendRefunds(deps, { limit: 1, ids: [refund.id] }).catch(() => 0);
      return booking;
    },

    getBooking: (viewer: Viewer, id: string) => getBooking(deps.db, viewer, id),
    listBookings: (viewer: Viewer, userId: string, args: { first?: number | null; after?: string | null }) =>
      listBookingsOf(deps.db, viewer, userId, args),

    /** Confirmed bookings have a ticket; its code is signed, so it needs no lookup to issue. */
    ticket: (booking: BookingRow): { code: string } | null =>
      booking.status === 'CONFIRMED' ? { code: deps.tickets.codeFor(booking.id) } : null,
    qrSvg: (code: string) => ticketQrSvg(code),
    checkIn: (actor: Viewer, input: Parameters<typeof checkIn>[2]) => checkIn(deps, actor, input),

    setCancellationPolicy: (actor: Viewer, input: Parameters<typeof setCancellationPolicy>[2]) =>
      setCancellationPolicy(deps, actor, input),
  };
}
export type BookingService = ReturnType<typeof createBookingService>;
