import type { MutationResolvers } from './../__generated__/types.js';
export const register: NonNullable<MutationResolvers['register']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.register resolver logic here */
};
