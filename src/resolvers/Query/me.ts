import type { QueryResolvers } from './../__generated__/types.js';

/** Null rather than UNAUTHENTICATED: clients use `me` to ask whether they are signed in. */
export const me: NonNullable<QueryResolvers['me']> = (_parent, _args, { viewer, services }) =>
  services.auth.currentUser(viewer);
