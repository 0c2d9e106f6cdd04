import type { Db } from '../../db/client.js';
import { readAuditLog, type AuditLogArgs } from '../audit/read-audit-log.js';
import type { Viewer } from '../auth/tokens.js';
import type { Clock } from '../clock.js';
import { assertCanSeeRolesOf, grantVenueRole, revokeVenueRole, type VenueRoleInput } from './venue-roles.js';

/** Staff: venue roles (granted by admins) and the audit log of staff actions. */
export function createStaffService(deps: { db: Db; clock: Clock }) {
  return {
    grantVenueRole: (actor: Viewer, input: VenueRoleInput) => grantVenueRole(deps, actor, input),
    revokeVenueRole: (actor: Viewer, input: VenueRoleInput) => revokeVenueRole(deps, actor, input),
    assertCanSeeRolesOf,
    auditLog: (actor: Viewer, args: AuditLogArgs) => readAuditLog(deps.db, actor, args),
  };
}
export type StaffService = ReturnType<typeof createStaffService>;
