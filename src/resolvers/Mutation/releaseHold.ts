import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const releaseHold: NonNullable<MutationResolvers['releaseHold']> = (
  _parent,
  { holdId, idempotencyKey },
  { viewer, services },
) => services.holds.releaseHold(requireViewer(viewer), holdId, idempotencyKey);
