import { requireViewer } from '../../graphql/guards.js';
import type { QueryResolvers } from './../__generated__/types.js';

export const auditLog: NonNullable<QueryResolvers['auditLog']> = (_parent, args, { viewer, services }) =>
  services.staff.auditLog(requireViewer(viewer), args);
