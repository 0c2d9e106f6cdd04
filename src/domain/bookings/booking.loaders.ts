import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { findCancellationPolicies } from '../../db/queries/cancellation-policies.js';
import { findLatestPaymentsOfHolds } from '../../db/queries/payments.js';
import { findRefundsOfBookings } from '../../db/queries/refunds.js';
import type { BookingRow, PaymentRow, RefundRow, RefundTier } from '../../db/schema/index.js';
import type { Viewer } from '../auth/tokens.js';
import type { MoneyView } from '../catalog/views.js';
import type { Clock } from '../clock.js';
import { pricedSeatsLoader } from '../priced-seats.loader.js';
import { DEFAULT_TIERS } from './cancellation-policy.js';

export interface BookingPaymentView {
  status: PaymentRow['status'];
  attempt: number;
  amount: MoneyView;
  paymentIntentId: string | null;
  /** Only for the booking's owner, and only while authentication is pending. */
  clientSecret: string | null;
  declineCode: string | null;
  failureMessage: string | null;
}

function byKey<K, T>(keys: readonly K[], rows: T[], keyOf: (row: T) => K): (T | null)[] {
  const map = new Map(rows.map((r) => [keyOf(r), r]));
  return keys.map((k) => map.get(k) ?? null);
}

/** Per-request loaders for booking fields: a page of bookings costs one statement per field. */
export function createBookingLoaders(db: Db, clock: Clock) {
  const latestPayment = new DataLoader<string, PaymentRow | null>(async (holdIds) =>
    byKey(holdIds, await findLatestPaymentsOfHolds(db, holdIds), (p) => p.holdId),
  );
  const refund = new DataLoader<string, RefundRow | null>(async (bookingIds) =>
    byKey(bookingIds, await findRefundsOfBookings(db, bookingIds), (r) => r.bookingId ?? ''),
  );
  const policy = new DataLoader<string, RefundTier[]>(async (showIds) =>
    byKey(showIds, await findCancellationPolicies(db, showIds), (p) => p.showId).map(
      (p) => p?.tiers ?? [...DEFAULT_TIERS],
    ),
  );
  return {
    /** A booking's seats at the price paid, with each seat's status now. */
    bookingSeats: pricedSeatsLoader(db, clock, 'booking'),
    /** The newest payment attempt behind a booking. */
    bookingPayment: async (
      booking: BookingRow,
      viewer: Viewer | null,
    ): Promise<BookingPaymentView | null> => {
      const p = await latestPayment.load(booking.holdId);
      if (!p) return null;
      const owner = viewer?.id === booking.userId;
      return {
        status: p.status,
        attempt: p.attempt,
        amount: { amount: p.amount, currency: p.currency },
        paymentIntentId: p.stripePaymentIntentId,
        clientSecret: owner && p.status === 'REQUIRES_ACTION' ? p.clientSecret : null,
        declineCode: p.declineCode,
        failureMessage: p.failureMessage,
      };
    },
    bookingRefund: (booking: BookingRow) => refund.load(booking.id),
    cancellationTiers: (showId: string) => policy.load(showId),
  };
}
export type BookingLoaders = ReturnType<typeof createBookingLoaders>;
