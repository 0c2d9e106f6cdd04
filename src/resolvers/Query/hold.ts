import { requireViewer } from '../../graphql/guards.js';
import type { QueryResolvers } from './../__generated__/types.js';

export const hold: NonNullable<QueryResolvers['hold']> = (_parent, { id }, { viewer, services }) =>
  services.holds.getHold(requireViewer(viewer), id);
