import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const createCity: NonNullable<MutationResolvers['createCity']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.createCity(requireViewer(viewer), input);
