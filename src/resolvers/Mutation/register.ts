import type { MutationResolvers } from './../__generated__/types.js';

export const register: NonNullable<MutationResolvers['register']> = (_parent, { input }, { services }) =>
  services.auth.register(input);
