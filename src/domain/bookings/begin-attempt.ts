import type { Db } from '../../db/client.js';
import { lockHoldForBooking } from '../../db/queries/bookings.js';
import { findOpenPaymentsOfHold, insertPaymentAttempt } from '../../db/queries/payments.js';
import type { PaymentRow } from '../../db/schema/index.js';
import { ForbiddenError, HoldExpiredError, NotFoundError, PaymentFailedError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { type IdempotencyCodec, runIdempotent } from '../idempotency.js';
import { inTransaction } from '../tx.js';
import { holdUsable } from './book-hold.js';

/** An earlier attempt is waiting for 3-D Secure: cancel it at Stripe before charging another card. */
export class SupersedeRequired extends Error {
  constructor(readonly open: PaymentRow[]) {
    super('an earlier payment attempt awaits authentication');
  }
}

const attemptCodec: IdempotencyCodec<{ paymentId: string }> = {
  encode: (v) => v,
  decode: (json) => ({ paymentId: String((json as { paymentId: unknown }).paymentId) }),
};

/**
 * The first transaction of confirmBooking: checks the hold and records a new PENDING attempt
 * before Stripe is called, so the attempt's id (and the Stripe idempotency key derived from it)
 * exists before any money can move. With a key seen before, returns that key's attempt instead.
 * A new attempt is refused while another may still take money: never two charges for one hold.
 */
export async function beginAttempt(
  deps: { db: Db; clock: Clock },
  viewer: Viewer,
  input: { holdId: string; paymentMethod: string; key: string },
): Promise<{ paymentId: string; replayed: boolean }> {
  const now = deps.clock.now();
  const { value, replayed } = await inTransaction(deps.db, (tx) =>
    runIdempotent(
      tx,
      {
        userId: viewer.id,
        key: input.key,
        operation: 'confirmBooking',
        input: { holdId: input.holdId, paymentMethodId: input.paymentMethod },
        now,
      },
      attemptCodec,
      async () => {
        const hold = await lockHoldForBooking(tx, input.holdId);
        if (!hold) throw new NotFoundError('Hold', input.holdId);
        if (hold.userId !== viewer.id) throw new ForbiddenError('This hold belongs to someone else');
        if (!holdUsable(hold, now)) {
          const status = hold.status === 'ACTIVE' ? 'EXPIRED' : hold.status;
          throw new HoldExpiredError(`This hold is ${status.toLowerCase()}; nothing was charged`, {
            holdStatus: status,
          });
        }
        const open = await findOpenPaymentsOfHold(tx, hold.id);
        if (open.some((p) => p.status === 'PENDING')) throw paymentInProgress();
        if (open.length > 0) throw new SupersedeRequired(open);
        const payment = await insertPaymentAttempt(tx, {
          holdId: hold.id,
          userId: viewer.id,
          amount: hold.totalAmount,
          currency: hold.currency,
          paymentMethod: input.paymentMethod,
          now,
        });
        return { paymentId: payment.id };
      },
    ),
  );
  return { ...value, replayed };
}

export function paymentInProgress(): PaymentFailedError {
  return new PaymentFailedError(
    'An earlier payment for this hold is still being processed; nothing more was charged. Retry in a few seconds, or repeat the earlier request with its idempotency key.',
    { reason: 'payment_in_progress', retryable: true },
  );
}
