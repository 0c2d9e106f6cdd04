export const TEST_DB_PREFIX = 'boxoffice_test_';

/**
 * Databases of one test run are named `boxoffice_test_<startSeconds>_<pid>_...`, so concurrent
 * runs (two terminals, CI beside a developer) never drop each other's databases, and leftovers of
 * a crashed run can be recognised by age.
 */
export function runPrefix(startedAtMs: number, pid: number): string {
  return `${TEST_DB_PREFIX}${Math.floor(startedAtMs / 1000)}_${pid}_`;
}

/** Start time encoded in a test database name, or undefined for other names. */
export function runStartOf(database: string): number | undefined {
  const m = /^boxoffice_test_(\d+)_\d+_/.exec(database);
  return m ? Number(m[1]) * 1000 : undefined;
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
