import { eq, inArray, sql } from 'drizzle-orm';
import type { DbOrTx } from '../client.js';
import { users, type UserRow } from '../schema/index.js';

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
  values: { email: string; name: string; passwordHash: string; role?: 'CUSTOMER' | 'ADMIN' },
): Promise<UserRow | undefined> {
  const [row] = await db.insert(users).values(values).onConflictDoNothing().returning();
  return row;
}

export async function setUserRole(db: DbOrTx, id: string, role: 'CUSTOMER' | 'ADMIN'): Promise<void> {
  await db.update(users).set({ role }).where(eq(users.id, id));
}
