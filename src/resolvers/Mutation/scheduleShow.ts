import type { MutationResolvers } from './../__generated__/types.js';
export const scheduleShow: NonNullable<MutationResolvers['scheduleShow']> = async (_parent, _arg, _ctx) => {
  /* Implement Mutation.scheduleShow resolver logic here */
};
