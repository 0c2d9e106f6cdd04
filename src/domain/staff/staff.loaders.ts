import DataLoader from 'dataloader';
import type { Db } from '../../db/client.js';
import { findUsersByIds } from '../../db/queries/users.js';
import { findVenueRolesOfUsers } from '../../db/queries/venue-roles.js';
import type { UserRow, VenueRoleRow } from '../../db/schema/index.js';

/** Per-request loaders for staff data: audit entries' actors and users' venue roles. */
export function createStaffLoaders(db: Db) {
  return {
    /** Null for an account that no longer exists. */
    userById: new DataLoader<string, UserRow | null>(async (ids) => {
      const byId = new Map((await findUsersByIds(db, ids)).map((u) => [u.id, u]));
      return ids.map((id) => byId.get(id) ?? null);
    }),
    venueRolesByUserId: new DataLoader<string, VenueRoleRow[]>(async (userIds) => {
      const byUser = new Map<string, VenueRoleRow[]>(userIds.map((id) => [id, []]));
      for (const role of await findVenueRolesOfUsers(db, userIds)) byUser.get(role.userId)?.push(role);
      return userIds.map((id) => byUser.get(id) ?? []);
    }),
  };
}
