import type { FormObject, FormValue } from './form.js';
import {
  FakeApiError,
  type FakeLedger,
  type FakeResponse,
  invalidRequest,
  type RequestContext,
} from './ledger.js';
import { type FakeRefund, stripeId } from './objects.js';

const str = (v: FormValue | undefined): string | undefined => (typeof v === 'string' ? v : undefined);

/** POST /v1/refunds: by `payment_intent` (or `charge`), the whole remaining amount by default. */
export function createRefund(ledger: FakeLedger, params: FormObject, ctx: RequestContext): FakeResponse {
  const piId = str(params['payment_intent']);
  const chargeId = str(params['charge']) ?? (piId ? ledger.getPaymentIntent(piId).latest_charge : undefined);
  const charge = chargeId ? ledger.charges.get(chargeId) : undefined;
  if (!charge) {
    throw invalidRequest(
      piId
        ? `This PaymentIntent (${piId}) does not have a successful charge to refund.`
        : 'Missing required param: payment_intent.',
      { code: piId ? 'charge_not_refundable' : 'parameter_missing', param: 'payment_intent' },
    );
  }
  const remaining = charge.amount_captured - charge.amount_refunded;
  if (remaining <= 0) {
    throw invalidRequest(`Charge ${charge.id} has already been refunded.`, {
      code: 'charge_already_refunded',
    });
  }
  const amount = str(params['amount']) === undefined ? remaining : Number(str(params['amount']));
  if (!Number.isInteger(amount) || amount < 1)
    throw invalidRequest('Invalid positive integer', { param: 'amount' });
  if (amount > remaining) {
    throw invalidRequest(
      `Refund amount (${amount}) is greater than unrefunded amount on charge (${remaining})`,
      { code: 'amount_too_large', param: 'amount' },
    );
  }
  const metadata = params['metadata'];
  const refund: FakeRefund = {
    id: stripeId('re'),
    object: 'refund',
    amount,
    currency: charge.currency,
    charge: charge.id,
    payment_intent: charge.payment_intent,
    status: 'succeeded',
    reason: str(params['reason']) ?? null,
    metadata:
      metadata && typeof metadata === 'object' && !Array.isArray(metadata)
        ? Object.fromEntries(
            Object.entries(metadata).filter((e): e is [string, string] => typeof e[1] === 'string'),
          )
        : {},
    created: ledger.seconds(),
  };
  ledger.refunds.set(refund.id, refund);
  charge.amount_refunded += amount;
  charge.refunded = charge.amount_refunded === charge.amount_captured;
  ledger.emit('refund.created', refund, ctx);
  ledger.emit('charge.refunded', charge, ctx);
  return { status: 200, body: refund };
}

/** GET /v1/refunds/:id */
export function retrieveRefund(ledger: FakeLedger, id: string): FakeResponse {
  const refund = ledger.refunds.get(id);
  if (!refund) {
    throw new FakeApiError(404, {
      type: 'invalid_request_error',
      code: 'resource_missing',
      param: 'id',
      message: `No such refund: '${id}'`,
    });
  }
  return { status: 200, body: refund };
}
