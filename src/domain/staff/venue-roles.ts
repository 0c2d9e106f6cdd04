import { findUserByEmail, findUserById } from '../../db/queries/users.js';
import { deleteVenueRole, insertVenueRole } from '../../db/queries/venue-roles.js';
import { findVenuesByIds } from '../../db/queries/venues.js';
import type { UserRow } from '../../db/schema/index.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../errors.js';
import { accountOf, assertCan, assertMayAct } from '../access/authorize.js';
import type { VenueRole } from '../access/permissions.js';
import { recordAudit } from '../audit/record-audit.js';
import type { Viewer } from '../auth/tokens.js';
import { runStaffCommand, type StaffCommandDeps } from '../staff-command.js';
import { parseEmail, parseId } from '../validation.js';

export interface VenueRoleInput {
  email: string;
  venueId: string;
  role: string;
  idempotencyKey?: string | null;
}

const VENUE_ROLES: readonly VenueRole[] = ['VENUE_MANAGER', 'DOOR_STAFF'];
// Replays return the user id only: a stored answer must not copy the account row (password hash).
const userIdCodec = { encode: (id: string) => id, decode: (json: unknown) => json as string };

/** Admins give a user a role at a venue; granting a role twice changes nothing. */
export async function grantVenueRole(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: VenueRoleInput,
): Promise<UserRow> {
  return changeVenueRole(deps, actor, input, 'grant');
}

/** Admins take a role away; it stops working at the next request of that user. */
export async function revokeVenueRole(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: VenueRoleInput,
): Promise<UserRow> {
  return changeVenueRole(deps, actor, input, 'revoke');
}

async function changeVenueRole(
  deps: StaffCommandDeps,
  actor: Viewer,
  input: VenueRoleInput,
  change: 'grant' | 'revoke',
): Promise<UserRow> {
  await assertMayAct(deps.db, actor, 'staff.grant');
  const email = parseEmail(input.email, 'input.email');
  const venueId = parseId(input.venueId, 'input.venueId');
  const role = VENUE_ROLES.find((r) => r === input.role);
  if (!role) throw new ValidationError(`role must be one of ${VENUE_ROLES.join(', ')}`, 'input.role');
  const call = {
    operation: `${change}VenueRole`,
    input: { email, venueId, role },
    idempotencyKey: input.idempotencyKey,
  };
  const userId = await runStaffCommand(deps, actor, call, userIdCodec, async (tx, at) => {
    await assertCan(tx, actor, 'staff.grant', { venueId });
    const user = await findUserByEmail(tx, email);
    if (!user) throw new NotFoundError('User', email);
    const [venue] = await findVenuesByIds(tx, [venueId]);
    if (!venue) throw new NotFoundError('Venue', venueId);
    const key = { userId: user.id, venueId, role };
    const changed =
      change === 'grant'
        ? await insertVenueRole(tx, { ...key, grantedAt: at, grantedBy: accountOf(actor) })
        : await deleteVenueRole(tx, key);
    if (changed) {
      await recordAudit(tx, {
        action: change === 'grant' ? 'role.granted' : 'role.revoked',
        actor,
        at,
        targetId: user.id,
        venueId,
        details: { email, role },
      });
    }
    return user.id;
  });
  const user = await findUserById(deps.db, userId);
  if (!user) throw new NotFoundError('User', email);
  return user;
}

/** A user's venue roles are for that user and admins. */
export function assertCanSeeRolesOf(viewer: Viewer, userId: string): void {
  if (viewer.role !== 'ADMIN' && viewer.id !== userId)
    throw new ForbiddenError('Only the user themself or an admin can see their venue roles');
}
