import type { AuditEntryConnectionResolvers } from './__generated__/types.js';
export const AuditEntryConnection: AuditEntryConnectionResolvers = {
  /* Implement AuditEntryConnection resolver logic here */
};
