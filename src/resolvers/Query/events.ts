import type { QueryResolvers } from './../__generated__/types.js';
export const events: NonNullable<QueryResolvers['events']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.events resolver logic here */
};
