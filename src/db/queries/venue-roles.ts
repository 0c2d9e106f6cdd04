import { and, asc, eq, inArray } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { venueRoles, type VenueRoleRow } from '../schema/index.js';

export async function findVenueRolesOfUsers(db: DbOrTx, userIds: readonly string[]): Promise<VenueRoleRow[]> {
  if (userIds.length === 0) return [];
  return db
    .select()
    .from(venueRoles)
    .where(inArray(venueRoles.userId, [...userIds]))
    .orderBy(asc(venueRoles.grantedAt), asc(venueRoles.venueId));
}

/** Grants a role; returns undefined when the user already had it there. */
export async function insertVenueRole(
  db: DbOrTx,
  values: Pick<VenueRoleRow, 'userId' | 'venueId' | 'role' | 'grantedAt' | 'grantedBy'>,
): Promise<VenueRoleRow | undefined> {
  const [row] = await db.insert(venueRoles).values(values).onConflictDoNothing().returning();
  return row;
}

/** Revokes a role; returns the revoked row, undefined when the user did not have it. */
export async function deleteVenueRole(
  db: DbOrTx,
  key: Pick<VenueRoleRow, 'userId' | 'venueId' | 'role'>,
): Promise<VenueRoleRow | undefined> {
  const [row] = await db
    .delete(venueRoles)
    .where(
      and(
        eq(venueRoles.userId, key.userId),
        eq(venueRoles.venueId, key.venueId),
        eq(venueRoles.role, key.role),
      ),
    )
    .returning();
  return row;
}
