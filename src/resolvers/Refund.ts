import type { RefundResolvers } from './__generated__/types.js';

export const Refund: RefundResolvers = {
  amount: (refund) => ({ amount: refund.amount, currency: refund.currency }),
};
