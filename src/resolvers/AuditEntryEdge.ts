import type { AuditEntryEdgeResolvers } from './__generated__/types.js';
export const AuditEntryEdge: AuditEntryEdgeResolvers = {/* Implement AuditEntryEdge resolver logic here */};
