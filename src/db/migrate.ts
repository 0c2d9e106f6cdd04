import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/postgres-js';
import { migrate } from 'drizzle-orm/postgres-js/migrator';
import postgres from 'postgres';

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('./migrations', import.meta.url));
const MIGRATION_LOCK = 0x626f78; // "box": serialises migrations of API processes and workers starting together

/**
 * Applies the committed SQL migrations on a dedicated connection holding an advisory lock, so
 * API processes and workers starting together migrate one at a time.
 */
export async function runMigrations(url: string): Promise<void> {
  const conn = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await conn`select pg_advisory_lock(${MIGRATION_LOCK})`;
    await migrate(drizzle(conn), { migrationsFolder: MIGRATIONS_FOLDER });
  } finally {
    await conn.end({ timeout: 5 });
  }
}

/** True when every committed migration is applied (readiness). */
export async function migrationsApplied(sql: postgres.Sql, expected: number): Promise<boolean> {
  const rows = await sql<{ n: number }[]>`
    select count(*)::int as n from drizzle.__drizzle_migrations`.catch(() => [{ n: -1 }]);
  return (rows[0]?.n ?? -1) >= expected;
}

/** How many migrations are committed (drizzle-kit's journal lists each one). */
export function committedMigrationCount(folder = MIGRATIONS_FOLDER): number {
  const journal = JSON.parse(readFileSync(`${folder}/meta/_journal.json`, 'utf8')) as { entries: unknown[] };
  return journal.entries.length;
}
