import type { QueryResolvers } from './../__generated__/types.js';
export const cities: NonNullable<QueryResolvers['cities']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.cities resolver logic here */
};
