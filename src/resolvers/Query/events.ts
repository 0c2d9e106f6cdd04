import type { QueryResolvers } from './../__generated__/types.js';
export const events: NonNullable<QueryResolvers['events']> = (_parent, args, { services }) =>
  services.catalog.events(args);
