import type { QueryResolvers } from './../__generated__/types.js';
export const city: NonNullable<QueryResolvers['city']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.city resolver logic here */
};
