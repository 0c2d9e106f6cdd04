import type { QueryResolvers } from './../__generated__/types.js';
export const venues: NonNullable<QueryResolvers['venues']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.venues resolver logic here */
};
