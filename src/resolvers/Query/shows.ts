import type { QueryResolvers } from './../__generated__/types.js';
export const shows: NonNullable<QueryResolvers['shows']> = (_parent, args, { services }) =>
  services.catalog.shows(args);
