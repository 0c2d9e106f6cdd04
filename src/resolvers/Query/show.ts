import type { QueryResolvers } from './../__generated__/types.js';
/** Null for an unknown id; BAD_USER_INPUT for a malformed one. */
export const show: NonNullable<QueryResolvers['show']> = (_parent, { id }, { services }) =>
  services.catalog.show(id);
