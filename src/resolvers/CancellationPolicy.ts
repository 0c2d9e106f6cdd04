import type { CancellationPolicyResolvers } from './__generated__/types.js';
export const CancellationPolicy: CancellationPolicyResolvers = {
  /* Implement CancellationPolicy resolver logic here */
};
