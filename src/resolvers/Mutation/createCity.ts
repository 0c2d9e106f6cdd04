import type { MutationResolvers } from './../__generated__/types.js';
export const createCity: NonNullable<MutationResolvers['createCity']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.createCity resolver logic here */
};
