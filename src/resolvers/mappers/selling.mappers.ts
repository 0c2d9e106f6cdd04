import type { AuditLogRow, VenueRoleRow } from '../../db/schema/index.js';
import type { Connection, Edge } from '../../domain/pagination.js';

export type VenueRoleMapper = VenueRoleRow;
export type AuditEntryMapper = AuditLogRow;
export type AuditEntryConnectionMapper = Connection<AuditLogRow>;
export type AuditEntryEdgeMapper = Edge<AuditLogRow>;
