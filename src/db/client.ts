import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { createPgListener, type PgListener } from './listen.js';
import * as schema from './schema/index.js';

export type Db = PostgresJsDatabase<typeof schema>;
export type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];
/** Query functions accept either a pool or a transaction; only src/domain opens transactions. */
export type DbOrTx = Db | Tx;

export interface DbHandle {
  db: Db;
  sql: postgres.Sql;
  /** LISTEN/NOTIFY on this database (its own connection, outside the pool). */
  listener: PgListener;
  close: () => Promise<void>;
}

export interface CreateDbOptions {
  max?: number;
  /** Called for every statement sent (tests count statements with it). */
  onQuery?: (query: string) => void;
}

export function createDb(url: string, opts: CreateDbOptions = {}): DbHandle {
  const onQuery = opts.onQuery;
  const sql = postgres(url, {
    max: opts.max ?? 10,
    onnotice: () => {},
    ...(onQuery ? { debug: (_conn: number, query: string) => onQuery(query) } : {}),
    connection: { application_name: 'boxoffice' },
  });
  const db: Db = drizzle(sql, { schema, casing: 'snake_case' });
  return { db, sql, listener: createPgListener(sql), close: () => sql.end({ timeout: 5 }) };
}
