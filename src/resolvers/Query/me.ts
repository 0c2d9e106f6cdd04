import type { QueryResolvers } from './../__generated__/types.js';
export const me: NonNullable<QueryResolvers['me']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.me resolver logic here */
};
