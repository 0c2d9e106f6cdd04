import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { users, type UserRow } from '../schema/index.js';

/**
 * Channel on which the database announces a user whose role, token version or email
 * verification changed, or who was deleted (payload: the user id; trigger of migration 0010).
 */
export const USER_CHANGED_CHANNEL = 'boxoffice_user_changed';

export async function findUserByEmail(db: DbOrTx, email: string): Promise<UserRow | undefined> {
  const [row] = await db
    .select()
    .from(users)
    .where(sql`lower(${users.email}) = ${email.toLowerCase()}`);
  return row;
}

export async function findUserById(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db.select().from(users).where(eq(users.id, id));
  return row;
}

export async function findUsersByIds(db: DbOrTx, ids: readonly string[]): Promise<UserRow[]> {
  if (ids.length === 0) return [];
  return db
    .select()
    .from(users)
    .where(inArray(users.id, [...ids]));
}

/** Inserts unless the email exists; returns undefined on conflict. */
export async function insertUser(
  db: DbOrTx,
  values: { email: string; name: string; passwordHash: string; role?: 'CUSTOMER' | 'ADMIN'; emailVerifiedAt?: Date },
): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return row;
}


/** What authentication reads of a user on every request (through the session cache). */
export interface UserSessionState {
  role: 'CUSTOMER' | 'ADMIN';
  tokenVersion: number;
  emailVerified: boolean;
}

export async function findUserSessionState(db: DbOrTx, id: string): Promise<UserSessionState | undefined> {
  const [row] = await db
    .select({ role: users.role, tokenVersion: users.tokenVersion, verifiedAt: users.emailVerifiedAt })
    .from(users)
    .where(eq(users.id, id));
  return row && { role: row.role, tokenVersion: row.tokenVersion, emailVerified: row.verifiedAt !== null };
}

export async function isEmailVerified(db: DbOrTx, id: string): Promise<boolean> {
  const [row] = await db.select({ verifiedAt: users.emailVerifiedAt }).from(users).where(eq(users.id, id));
  return row?.verifiedAt != null;
}

/** Voids every token of the user (their `ver` no longer matches); undefined when there is no such user. */
export async function bumpTokenVersion(db: DbOrTx, id: string): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ tokenVersion: sql`${users.tokenVersion} + 1` })
    .where(eq(users.id, id))
    .returning();
  return row;
}

/**
 * Makes the account the bootstrap admin with the operator's password: role ADMIN, email
 * verified (the operator vouches for it), and every earlier token revoked.
 */
export async function resetToAdmin(db: DbOrTx, id: string, passwordHash: string, now: Date): Promise<UserRow> {
  const [row] = await db
    .update(users)
    .set({
      passwordHash,
      role: 'ADMIN',
      tokenVersion: sql`${users.tokenVersion} + 1`,
      emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)`,
    })
    .where(eq(users.id, id))
    .returning();
  if (!row) throw new Error(`user ${id} vanished during bootstrap`);
  return row;
}

/** A stronger hash of the same password (an upgrade at login): sessions stay. */
export async function setPasswordHash(db: DbOrTx, id: string, passwordHash: string): Promise<void> {
  await db.update(users).set({ passwordHash }).where(eq(users.id, id));
}

/** Marks the email verified (once; a later call keeps the first time); the row, or undefined. */
export async function markEmailVerified(db: DbOrTx, id: string, now: Date): Promise<UserRow | undefined> {
  const [row] = await db
    .update(users)
    .set({ emailVerifiedAt: sql`coalesce(${users.emailVerifiedAt}, ${now.toISOString()}::timestamptz)` })
    .where(eq(users.id, id))
    .returning();
  return row;
}
