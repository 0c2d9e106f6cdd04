import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import type postgres from 'postgres';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
const MIGRATION_LOCK = 0x626f78; // "box": serialises migrations of API processes and workers starting together

/** Applies the committed SQL migrations, under an advisory lock so concurrent starts are safe. */
export async function runMigrations(sql: postgres.Sql): Promise<void> {
  const conn = await sql.reserve();
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(conn), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await conn`select pg_advisory_unlock(${MIGRATION_LOCK})`.catch(() => {});
    conn.release();
  }
}

/** True when every committed migration is applied (readiness). */
export async function migrationsApplied(sql: postgres.Sql, expected: number): Promise<boolean> {
  const rows = await sql<{ n: number }[]>`
    select count(*)::int as n from drizzle.__drizzle_migrations`.catch(() => [{ n: -1 }]);
  return (rows[0]?.n ?? -1) >= expected;
}
