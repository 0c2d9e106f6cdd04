import type { QueryResolvers } from './../__generated__/types.js';
export const show: NonNullable<QueryResolvers['show']> = async (_parent, _arg, _ctx) => {
  /* Implement Query.show resolver logic here */
};
