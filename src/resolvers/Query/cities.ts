import type { QueryResolvers } from './../__generated__/types.js';
export const cities: NonNullable<QueryResolvers['cities']> = (_parent, _args, { services }) =>
  services.catalog.cities();
