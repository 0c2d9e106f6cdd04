import type { MutationResolvers } from './../__generated__/types.js';
export const holdSeats: NonNullable<MutationResolvers['holdSeats']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.holdSeats resolver logic here */
};
