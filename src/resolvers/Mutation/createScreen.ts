import { requireViewer } from '../../graphql/guards.js';
import type { MutationResolvers } from './../__generated__/types.js';

export const createScreen: NonNullable<MutationResolvers['createScreen']> = (
  _parent,
  { input },
  { viewer, services },
) => services.admin.createScreen(requireViewer(viewer), input);
