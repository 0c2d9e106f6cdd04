import type { Db } from '../../db/client.js';
import { findAuditPage, type AuditListFilter } from '../../db/queries/audit-log.js';
import type { AuditLogRow } from '../../db/schema/index.js';
import { ForbiddenError } from '../../errors.js';
import { assertMayAct, venuesWhereAllowed } from '../access/authorize.js';
import type { Viewer } from '../auth/tokens.js';
import { decodeCursor, encodeCursor, parseFirst, toConnection, type Connection } from '../pagination.js';
import { parseOptionalId } from '../validation.js';

export interface AuditLogArgs {
  filter?: { venueId?: string | null; showId?: string | null; actorId?: string | null } | null;
  first?: number | null;
  after?: string | null;
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/**
 * The audit log, newest first. Admins read it all; a venue manager reads the entries of their
 * venues and their own (FORBIDDEN when asking for another venue, or holding no such role,
 * whatever else the request says).
 */
export async function readAuditLog(
  db: Db,
  actor: Viewer,
  args: AuditLogArgs,
): Promise<Connection<AuditLogRow>> {
  await assertMayAct(db, actor, 'audit.read');
  const first = parseFirst(args.first);
  const after = decodeCursor('audit', args.after, (v) => ISO_INSTANT.test(v));
  const venueId = parseOptionalId(args.filter?.venueId, 'filter.venueId');
  const filter: AuditListFilter = {
    ...(venueId ? { venueId } : {}),
    ...optional('showId', parseOptionalId(args.filter?.showId, 'filter.showId')),
    ...optional('actorId', parseOptionalId(args.filter?.actorId, 'filter.actorId')),
  };
  const allowed = await venuesWhereAllowed(db, actor, 'audit.read');
  if (allowed !== 'all') {
    if (venueId && !allowed.has(venueId)) throw new ForbiddenError('You do not manage this venue');
    // A manager reads their venues' entries, and their own actions wherever they were (an event
    // shown at several venues has no single venue to file its edits under).
    filter.scope = { venueIds: [...allowed], actorId: actor.id };
  }
  const rows = await findAuditPage(
    db,
    filter,
    after && { at: new Date(after.value), id: after.id },
    first + 1,
  );
  return toConnection(rows, first, (e) => encodeCursor('audit', { value: e.at.toISOString(), id: e.id }));
}

const optional = <K extends string>(key: K, value: string | undefined) =>
  (value ? { [key]: value } : {}) as Partial<Record<K, string>>;
