import type { Sql } from 'postgres';

/**
 * LISTEN/NOTIFY on Postgres channels, through postgres.js's own listener: one dedicated
 * connection outside the pool, LISTENed again after it reconnects (`onListen` runs then too,
 * since notifications sent meanwhile were lost).
 */
export interface PgListener {
  /** Resolves with the function that stops listening. */
  listen(channel: string, onNotify: (payload: string) => void, onListen?: () => void): Promise<() => Promise<void>>;
}

export function createPgListener(sql: Sql): PgListener {
  return {
    async listen(channel, onNotify, onListen) {
      const { unlisten } = await sql.listen(channel, onNotify, onListen);
      return unlisten;
    },
  };
}
