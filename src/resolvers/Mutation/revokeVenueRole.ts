import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const revokeVenueRole: NonNullable<MutationResolvers['revokeVenueRole']> = (
  _parent,
  { input },
  { viewer, services },
) => services.staff.revokeVenueRole(requireViewer(viewer), input);
