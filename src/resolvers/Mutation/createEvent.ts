import type { MutationResolvers } from './../__generated__/types.js';
export const createEvent: NonNullable<MutationResolvers['createEvent']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.createEvent resolver logic here */
};
