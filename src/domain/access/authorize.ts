import type { DbOrTx } from '../../db/client.js';
import { findVenueRolesOfUsers } from '../../db/queries/venue-roles.js';
import { ForbiddenError } from '../../errors.js';
import type { Viewer } from '../auth/tokens.js';
import { PERMISSIONS, roleAllows, type Action, type VenueRole } from './permissions.js';

/**
 * Where an action applies: one venue; several venues, all of which must allow it (an event shown
 * at several venues); or any venue at all (a venue manager creating an event for later shows).
 */
export type Scope = { venueId: string } | { venueIds: readonly string[] } | 'anyVenue';

/**
 * The one authorization check of staff actions: admins may do everything; anyone else needs, at
 * the venues of the scope, a role that `PERMISSIONS` lists for the action. Roles are read from
 * the database (inside the caller's transaction when given one), so a revoked role stops working
 * at once. Throws FORBIDDEN naming what would have been needed.
 */
export async function assertCan(db: DbOrTx, actor: Viewer, action: Action, scope: Scope): Promise<void> {
  if (actor.role === 'ADMIN') return;
  const allowed = await venuesAllowing(db, actor, action);
  const ok =
    scope === 'anyVenue'
      ? allowed.size > 0
      : 'venueId' in scope
        ? allowed.has(scope.venueId)
        : scope.venueIds.length > 0 && scope.venueIds.every((v) => allowed.has(v));
  if (!ok) throw forbidden(action);
}

/**
 * The first check of every staff command, before its input is even read: whether the actor may
 * take `action` anywhere. A customer is FORBIDDEN whatever they send, so malformed input cannot be
 * used to probe what staff commands accept; the command checks its scope again in its transaction.
 */
export const assertMayAct = (db: DbOrTx, actor: Viewer, action: Action): Promise<void> =>
  assertCan(db, actor, action, 'anyVenue');

/** The venues where the actor may take `action`: every venue for admins. */
export async function venuesWhereAllowed(
  db: DbOrTx,
  actor: Viewer,
  action: Action,
): Promise<'all' | ReadonlySet<string>> {
  return actor.role === 'ADMIN' ? 'all' : venuesAllowing(db, actor, action);
}

async function venuesAllowing(db: DbOrTx, actor: Viewer, action: Action): Promise<Set<string>> {
  const roles = await findVenueRolesOfUsers(db, [actor.id]);
  return new Set(roles.filter((r) => roleAllows(r.role, action)).map((r) => r.venueId));
}

function forbidden(action: Action): ForbiddenError {
  const roles = PERMISSIONS[action] as readonly VenueRole[];
  const who = roles.length === 0 ? 'an admin' : `an admin or ${roles.join(' or ')} of the venue`;
  return new ForbiddenError(`Only ${who} may do this (${action})`);
}

/**
 * Code acting outside any request (the demo seed, scripts, benchmarks): allowed everything like
 * an admin, but no account, so its audit entries name no actor.
 */
export const SYSTEM_ACTOR: Viewer = Object.freeze({ id: 'system', role: 'ADMIN' });

/** The account behind an actor, for audit entries and `createdBy`/`grantedBy` columns. */
export const accountOf = (actor: Viewer): string | null => (actor === SYSTEM_ACTOR ? null : actor.id);
