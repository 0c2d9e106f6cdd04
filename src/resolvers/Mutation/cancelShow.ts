import type { MutationResolvers } from './../__generated__/types.js';
export const cancelShow: NonNullable<MutationResolvers['cancelShow']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.cancelShow resolver logic here */
};
