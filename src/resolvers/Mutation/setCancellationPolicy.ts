import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const setCancellationPolicy: NonNullable<MutationResolvers['setCancellationPolicy']> = (
  _parent,
  { input },
  { viewer, services },
) => services.bookings.setCancellationPolicy(requireViewer(viewer), input);
