import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const verifyEmail: NonNullable<MutationResolvers['verifyEmail']> = (
  _parent,
  { input },
  { viewer, services },
) => services.auth.verifyEmail(requireViewer(viewer), input.code);
