import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const holdSeats: NonNullable<MutationResolvers['holdSeats']> = (
  _parent,
  { input },
  { viewer, services, clientIp },
) => services.holds.placeHold(requireViewer(viewer), input, { clientIp });
