import type { QueryResolvers } from './../__generated__/types.js';
export const shows: NonNullable<QueryResolvers['shows']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.shows resolver logic here */
};
