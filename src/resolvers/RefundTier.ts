import type { RefundTierResolvers } from './__generated__/types.js';
export const RefundTier: RefundTierResolvers = {/* Implement RefundTier resolver logic here */};
