import type { DbOrTx } from '../../db/client.js';
import { insertAuditEntry } from '../../db/queries/audit-log.js';
import { accountOf } from '../access/authorize.js';
import type { Viewer } from '../auth/tokens.js';

/** What happened, dotted and past tense. */
export type AuditAction =
  | 'city.created'
  | 'city.updated'
  | 'venue.created'
  | 'venue.updated'
  | 'screen.created'
  | 'event.created'
  | 'event.updated'
  | 'event.archived'
  | 'show.scheduled'
  | 'show.updated'
  | 'show.pricesChanged'
  | 'show.seatsBlocked'
  | 'show.seatsUnblocked'
  | 'show.archived'
  | 'show.cancelled'
  | 'show.cancellationPolicyChanged'
  | 'role.granted'
  | 'role.revoked'
  | 'booking.cancelled'
  | 'ticket.checkedIn';

export interface AuditEntry {
  action: AuditAction;
  actor: Viewer;
  at: Date;
  targetId?: string | undefined;
  /** Scope for venue managers' reads. */
  venueId?: string | undefined;
  showId?: string | undefined;
  /** The target before and after; only the fields that changed are kept when both are given. */
  before?: object | undefined;
  after?: object | undefined;
  /** Anything else worth knowing (a reason, a refund amount). */
  details?: Record<string, unknown> | undefined;
}

// Never written to the log, whatever object is passed in.
const SECRET_KEYS = /password|secret|token|hash/i;

/**
 * Appends an audit entry on the caller's transaction, so it commits or rolls back with the change
 * it describes. The table refuses UPDATE and DELETE (migration trigger): entries are permanent.
 */
export async function recordAudit(db: DbOrTx, entry: AuditEntry): Promise<void> {
  const { before, after } = changedFields(entry.before, entry.after);
  await insertAuditEntry(db, {
    at: entry.at,
    actorId: accountOf(entry.actor),
    action: entry.action,
    targetId: entry.targetId ?? null,
    venueId: entry.venueId ?? null,
    showId: entry.showId ?? null,
    details: redact({ ...entry.details, ...(before ? { before } : {}), ...(after ? { after } : {}) }),
  });
}

/** With both sides, only what differs; dates compare by instant. */
function changedFields(before?: object, after?: object): { before?: object; after?: object } {
  if (!before || !after) return { ...(before ? { before } : {}), ...(after ? { after } : {}) };
  const b = before as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter(
    (k) => JSON.stringify(b[k]) !== JSON.stringify(a[k]),
  );
  return {
    before: Object.fromEntries(keys.map((k) => [k, b[k] ?? null])),
    after: Object.fromEntries(keys.map((k) => [k, a[k] ?? null])),
  };
}

function redact(value: unknown): Record<string, unknown> {
  return JSON.parse(
    JSON.stringify(value, (key, v: unknown) => (key && SECRET_KEYS.test(key) ? '[redacted]' : v)),
  ) as Record<string, unknown>;
}
