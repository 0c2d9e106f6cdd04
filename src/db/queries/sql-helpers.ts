import { sql, type SQL } from 'drizzle-orm';

/** A uuid[] parameter (one bind value, whatever the length). */
export const uuidArray = (ids: readonly string[]): SQL => sql`${sql.param([...ids])}::uuid[]`;

/** A timestamptz parameter; raw statements bypass Drizzle's column mapping, so pass ISO text. */
export const ts = (d: Date): SQL => sql`${d.toISOString()}::timestamptz`;
