import { and, desc, eq, inArray, or, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { auditLog, type AuditLogRow } from '../schema/index.js';

export type NewAuditEntry = Omit<AuditLogRow, 'id'>;

/** Appends one entry; the caller's transaction decides whether it stays. */
export async function insertAuditEntry(db: DbOrTx, entry: NewAuditEntry): Promise<void> {
  await db.insert(auditLog).values(entry);
}

/** Already validated by the domain. */
export interface AuditListFilter {
  venueId?: string;
  showId?: string;
  actorId?: string;
  /** A manager's scope: entries of these venues, or their own. */
  scope?: { venueIds: readonly string[]; actorId: string };
}

/** One keyset page, newest first by (at, id). */
export async function findAuditPage(
  db: DbOrTx,
  filter: AuditListFilter,
  before: { at: Date; id: string } | undefined,
  limit: number,
): Promise<AuditLogRow[]> {
  return db
    .select()
    .from(auditLog)
    .where(
      and(
        filter.venueId ? eq(auditLog.venueId, filter.venueId) : undefined,
        filter.showId ? eq(auditLog.showId, filter.showId) : undefined,
        filter.actorId ? eq(auditLog.actorId, filter.actorId) : undefined,
        filter.scope
          ? or(
              filter.scope.venueIds.length > 0
                ? inArray(auditLog.venueId, [...filter.scope.venueIds])
                : undefined,
              eq(auditLog.actorId, filter.scope.actorId),
            )
          : undefined,
        before
          ? sql`(${auditLog.at}, ${auditLog.id}) < (${before.at.toISOString()}::timestamptz, ${before.id}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(auditLog.at), desc(auditLog.id))
    .limit(limit);
}
