import type { Db } from '../../db/client.js';
import { findBookingOfHold, findBookingOfPayment } from '../../db/queries/bookings.js';
import { findRefundOfPayment } from '../../db/queries/refunds.js';
import type { BookingRow, PaymentRow } from '../../db/schema/index.js';
import { HoldExpiredError, PaymentDeclinedError, PaymentFailedError, ValidationError } from '../../errors.js';
import { PROVIDER_FAILURE_CODES } from '../payments/payment-gateway.js';

const REFUNDED_BECAUSE: Record<string, string> = {
  HOLD_EXPIRED: 'Your hold ran out and its seats were taken before the payment completed',
  SHOW_CANCELLED: 'The show was cancelled before the payment completed',
  DUPLICATE_PAYMENT: 'This hold was already paid by another payment',
};

/**
 * What confirmBooking answers for an attempt, derived from its stored state alone, so the first
 * request, a replay with the same key and a retry after a crash all answer alike.
 */
export async function answerFor(db: Db, payment: PaymentRow): Promise<BookingRow> {
  switch (payment.status) {
    case 'SUCCEEDED': {
      const booking = await findBookingOfPayment(db, payment.id);
      if (booking) return booking;
      const refund = await findRefundOfPayment(db, payment.id);
      const why = REFUNDED_BECAUSE[refund?.reason ?? 'HOLD_EXPIRED'] ?? REFUNDED_BECAUSE['HOLD_EXPIRED'];
      throw new HoldExpiredError(
        `${why}; the payment is refunded in full (${refund?.reference ?? 'pending'})`,
        {
          refundReference: refund?.reference ?? null,
          refundAmount: refund?.amount ?? payment.amount,
          currency: payment.currency,
          refundStatus: refund?.status ?? 'PENDING',
        },
      );
    }
    case 'REQUIRES_ACTION': {
      const booking = await findBookingOfHold(db, payment.holdId);
      if (!booking) throw new Error(`payment ${payment.id} awaits authentication without a booking`);
      return booking;
    }
    case 'FAILED': {
      const message = payment.failureMessage ?? 'The payment failed';
      if (payment.failureCode === 'invalid_payment_method') {
        throw new ValidationError(message, 'input.paymentMethodId');
      }
      if (PROVIDER_FAILURE_CODES.has(payment.failureCode ?? '')) {
        throw new PaymentFailedError(`${message}; nothing was charged`, { reason: payment.failureCode });
      }
      throw new PaymentDeclinedError(`${message} The hold stays active: try another payment method.`, {
        reason: payment.failureCode,
        declineCode: payment.declineCode,
      });
    }
    case 'CANCELED':
      throw new PaymentFailedError('This payment attempt was cancelled; nothing was charged', {
        reason: 'canceled',
      });
    case 'PENDING':
      throw new PaymentFailedError(
        'The payment provider did not answer in time. Nothing more will be charged: repeat this request with the same idempotency key to learn the outcome; money taken either becomes your booking or is refunded automatically.',
        { reason: 'provider_unavailable', retryable: true },
      );
  }
}
