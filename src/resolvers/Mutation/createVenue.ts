import type { MutationResolvers } from './../__generated__/types.js';
export const createVenue: NonNullable<MutationResolvers['createVenue']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.createVenue resolver logic here */
};
