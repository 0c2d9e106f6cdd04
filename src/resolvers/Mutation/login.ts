import type { MutationResolvers } from './../__generated__/types.js';

export const login: NonNullable<MutationResolvers['login']> = (_parent, { input }, { services }) =>
  services.auth.login(input);
