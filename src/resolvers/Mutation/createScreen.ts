import type { MutationResolvers } from './../__generated__/types.js';
export const createScreen: NonNullable<MutationResolvers['createScreen']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.createScreen resolver logic here */
};
