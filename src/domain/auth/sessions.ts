import type { Db } from '../../db/client.js';
import type { PgListener } from '../../db/listen.js';
import { findUserSessionState, USER_CHANGED_CHANNEL, type UserSessionState } from '../../db/queries/users.js';
import { isId } from '../validation.js';
import type { TokenClaims, Viewer } from './tokens.js';

/**
 * How stale a user's role, existence and token version may be in an API process: a demoted,
 * deleted or revoked user keeps its former rights for at most this long (1 s) in processes that
 * did not make the change; the one that made it forgets at once. So a busy user (holdSeats in an
 * on-sale) costs each API process one primary-key read per second, not one per request.
 */
export const SESSION_STALENESS_MS = 1_000;
/**
 * The same bound while the process listens for the database's user-change notifications
 * (`watch`): a change then reaches every process within milliseconds, and this only covers a
 * notification lost without the listener noticing. Re-reading every user every second cost about
 * a tenth of bench:holds' throughput (200 buyers: 200 extra statements a second).
 */
export const WATCHED_SESSION_STALENESS_MS = 30_000;
/** At most this many users remembered per process (oldest read dropped first). */
const MAX_USERS = 100_000;

interface Entry {
  /** When the read started: the state is at least this recent. */
  readAtMs: number;
  state: Promise<UserSessionState | null>;
}

/**
 * The user behind a token as the database has it now, read through a short per-process cache.
 * Concurrent requests of one user share one read.
 */
export function createSessionStore(db: Db, { maxAgeMs: unwatchedMaxAgeMs = SESSION_STALENESS_MS, maxUsers = MAX_USERS } = {}) {
  // A Map keeps insertion order, and every read (re-)inserts its user: the first key is the oldest.
  const entries = new Map<string, Entry>();
  let maxAgeMs = unwatchedMaxAgeMs;

  const read = (userId: string): Promise<UserSessionState | null> => {
    const now = performance.now();
    const cached = entries.get(userId);
    if (cached && now - cached.readAtMs < maxAgeMs) return cached.state;
    // Entries are in the order they were read: drop the expired ones at the front, so the map
    // holds about the users seen in the last second.
    for (const [id, old] of entries) {
      if (now - old.readAtMs < maxAgeMs && entries.size < maxUsers) break;
      entries.delete(id);
    }
    const state = findUserSessionState(db, userId).then((s) => s ?? null);
    const entry = { readAtMs: now, state };
    entries.delete(userId); // set() alone would keep the old entry's place in the order
    entries.set(userId, entry);
    // A failed read is not remembered: the next request tries again.
    state.catch(() => {
      if (entries.get(userId) === entry) entries.delete(userId);
    });
    return state;
  };

  return {
    /** The viewer a token stands for now; null for an unknown or deleted user and for a revoked token. */
    async viewerOf(claims: TokenClaims): Promise<Viewer | null> {
      if (!isId(claims.userId)) return null;
      const state = await read(claims.userId);
      if (!state || state.tokenVersion !== claims.tokenVersion) return null;
      return { id: claims.userId, role: state.role, emailVerified: state.emailVerified };
    },
    /** After this process changed the user: its next request reads the new state. */
    forget(userId: string): void {
      entries.delete(userId);
    },
    /**
     * Follows the database's notifications of changed users (role, token version, email
     * verification, deletion: a trigger sends them, whoever made the change), so entries may live
     * longer. Each (re)connection of the listener starts from an empty cache, since changes made
     * while it was away were not heard.
     */
    watch(listener: PgListener): Promise<() => Promise<void>> {
      return listener.listen(
        USER_CHANGED_CHANNEL,
        (userId) => entries.delete(userId),
        () => {
          entries.clear();
          maxAgeMs = WATCHED_SESSION_STALENESS_MS;
        },
      );
    },
  };
}
export type SessionStore = ReturnType<typeof createSessionStore>;
