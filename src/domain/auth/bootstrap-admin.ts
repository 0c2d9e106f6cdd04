import type { Db } from '../../db/client.js';
import { findUserByEmail, insertUser, resetToAdmin } from '../../db/queries/users.js';
import type { UserRow } from '../../db/schema/index.js';
import type { Clock } from '../clock.js';
import { parseEmail } from '../validation.js';
import type { PasswordHasher } from './passwords.js';
import type { SessionStore } from './sessions.js';

/**
 * What start-up did to the bootstrap admin's account:
 * - CREATED: there was none;
 * - UNCHANGED: it is an ADMIN with this password already (a restart);
 * - PROMOTED: it had this password but was no ADMIN; now it is, and its earlier sessions are revoked;
 * - RESET: it had another password (someone registered the email first, or the operator changed
 *   ADMIN_PASSWORD): now it has this one and is an ADMIN, and every earlier session is revoked.
 */
export type BootstrapOutcome = 'CREATED' | 'UNCHANGED' | 'PROMOTED' | 'RESET';

interface Deps {
  db: Db;
  clock: Clock;
  hasher: PasswordHasher;
  sessions: SessionStore;
}

/**
 * Makes `email` an ADMIN that signs in with `password` and nothing else. An existing account
 * never keeps a password the operator did not set, nor sessions from before it was changed.
 */
export async function ensureAdmin(
  deps: Deps,
  emailRaw: string,
  password: string,
): Promise<{ user: UserRow; outcome: BootstrapOutcome }> {
  const { db, hasher } = deps;
  const email = parseEmail(emailRaw);
  let existing = await findUserByEmail(db, email);
  if (!existing) {
    const created = await insertUser(db, {
      email,
      name: 'Administrator',
      passwordHash: await hasher.hash(password),
      role: 'ADMIN',
      emailVerifiedAt: deps.clock.now(),
    });
    if (created) return { user: created, outcome: 'CREATED' };
    // Another process starting at the same time created it first.
    existing = await findUserByEmail(db, email);
    if (!existing) throw new Error(`admin ${email} vanished during bootstrap`);
  }
  const hasPassword = await hasher.verify(password, existing.passwordHash);
  if (hasPassword && existing.role === 'ADMIN') return { user: existing, outcome: 'UNCHANGED' };
  const passwordHash = hasPassword ? existing.passwordHash : await hasher.hash(password);
  const user = await resetToAdmin(db, existing.id, passwordHash, deps.clock.now());
  deps.sessions.forget(user.id);
  return { user, outcome: hasPassword ? 'PROMOTED' : 'RESET' };
}
