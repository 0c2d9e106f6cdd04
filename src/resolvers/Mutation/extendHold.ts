import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const extendHold: NonNullable<MutationResolvers['extendHold']> = (
  _parent,
  { holdId, idempotencyKey },
  { viewer, services },
) => services.holds.extendHold(requireViewer(viewer), holdId, idempotencyKey);
