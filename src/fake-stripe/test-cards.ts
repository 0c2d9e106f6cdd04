/**
 * Stripe's test payment methods (docs.stripe.com/testing) and how each behaves on confirm.
 * Unknown ids are rejected as Stripe rejects a PaymentMethod that does not exist.
 */
export type CardBehaviour =
  | { kind: 'succeeds'; brand: string }
  | { kind: 'declines'; code: string; declineCode: string; message: string }
  | { kind: 'requires_action' };

const DECLINED = 'Your card was declined.';

export const TEST_PAYMENT_METHODS: Readonly<Record<string, CardBehaviour>> = {
  pm_card_visa: { kind: 'succeeds', brand: 'visa' },
  pm_card_visa_debit: { kind: 'succeeds', brand: 'visa' },
  pm_card_mastercard: { kind: 'succeeds', brand: 'mastercard' },
  pm_card_amex: { kind: 'succeeds', brand: 'amex' },
  pm_card_chargeDeclined: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'generic_decline',
    message: DECLINED,
  },
  pm_card_chargeDeclinedInsufficientFunds: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'insufficient_funds',
    message: 'Your card has insufficient funds.',
  },
  pm_card_chargeDeclinedLostCard: {
    kind: 'declines',
    code: 'card_declined',
    declineCode: 'lost_card',
    message: DECLINED,
  },
  pm_card_chargeDeclinedExpiredCard: {
    kind: 'declines',
    code: 'expired_card',
    declineCode: 'expired_card',
    message: 'Your card has expired.',
  },
  pm_card_authenticationRequired: { kind: 'requires_action' },
  pm_card_threeDSecure2Required: { kind: 'requires_action' },
};
