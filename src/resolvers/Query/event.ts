import type { QueryResolvers } from './../__generated__/types.js';
/** Null for an unknown id; BAD_USER_INPUT for a malformed one. */
export const event: NonNullable<QueryResolvers['event']> = (_parent, { id }, { services }) =>
  services.catalog.event(id);
