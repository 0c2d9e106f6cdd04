import type { QueryResolvers } from './../__generated__/types.js';
/** Null for an unknown id; BAD_USER_INPUT for a malformed one. */
export const city: NonNullable<QueryResolvers['city']> = (_parent, { id }, { services }) =>
  services.catalog.city(id);
