import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const grantVenueRole: NonNullable<MutationResolvers['grantVenueRole']> = (
  _parent,
  { input },
  { viewer, services },
) => services.staff.grantVenueRole(requireViewer(viewer), input);
