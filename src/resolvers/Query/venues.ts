import type { QueryResolvers } from './../__generated__/types.js';
export const venues: NonNullable<QueryResolvers['venues']> = (_parent, args, { services }) =>
  services.catalog.venues(args);
