import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const setShowPrices: NonNullable<MutationResolvers['setShowPrices']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.setShowPrices(requireViewer(viewer), input);
