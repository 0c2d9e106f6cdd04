import type { QueryResolvers } from './../__generated__/types.js';
export const venue: NonNullable<QueryResolvers['venue']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.venue resolver logic here */
};
