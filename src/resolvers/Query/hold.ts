import type { QueryResolvers } from './../__generated__/types.js';
export const hold: NonNullable<QueryResolvers['hold']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.hold resolver logic here */
};
