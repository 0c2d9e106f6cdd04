import type { AuditEntryResolvers } from './__generated__/types.js';

export const AuditEntry: AuditEntryResolvers = {
  actor: ({ actorId }, _args, { loaders }) => (actorId ? loaders.userById.load(actorId) : null),
  details: ({ details }) => JSON.stringify(details),
};
