import type { QueryResolvers } from './../__generated__/types.js';
/** Null for an unknown id; BAD_USER_INPUT for a malformed one. */
export const venue: NonNullable<QueryResolvers['venue']> = (_parent, { id }, { services }) =>
  services.catalog.venue(id);
