import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const requestEmailVerificationCode: NonNullable<MutationResolvers['requestEmailVerificationCode']> = (
  _parent,
  _args,
  { viewer, services },
) => services.auth.requestEmailVerificationCode(requireViewer(viewer));
