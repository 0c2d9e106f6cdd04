import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const updateCity: NonNullable<MutationResolvers['updateCity']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.updateCity(requireViewer(viewer), input);
