import type { MutationResolvers } from './../__generated__/types.js';
export const releaseHold: NonNullable<MutationResolvers['releaseHold']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.releaseHold resolver logic here */
};
