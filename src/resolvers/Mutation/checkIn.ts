import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const checkIn: NonNullable<MutationResolvers['checkIn']> = (_parent, args, { viewer, services }) =>
  services.bookings.checkIn(requireViewer(viewer), args);
