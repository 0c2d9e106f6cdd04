import type { MutationResolvers } from './../__generated__/types.js';
export const extendHold: NonNullable<MutationResolvers['extendHold']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.extendHold resolver logic here */
};
