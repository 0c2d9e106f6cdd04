import type { QueryResolvers } from './../__generated__/types.js';
export const event: NonNullable<QueryResolvers['event']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.event resolver logic here */
};
