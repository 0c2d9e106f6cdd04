import type { HoldChangeResolvers } from './__generated__/types.js';
export const HoldChange: HoldChangeResolvers = {/* Implement HoldChange resolver logic here */};
