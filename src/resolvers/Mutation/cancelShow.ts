import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const cancelShow: NonNullable<MutationResolvers['cancelShow']> = (
  _parent,
  { showId, idempotencyKey },
  { viewer, services },
) => services.admin.cancelShow(requireViewer(viewer), { showId, idempotencyKey });
