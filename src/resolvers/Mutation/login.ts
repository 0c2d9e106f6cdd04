import type { MutationResolvers } from './../__generated__/types.js';
export const login: NonNullable<MutationResolvers['login']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.login resolver logic here */
};
