import type { Sql } from 'postgres';
import type { Db } from './client.js';

/**
 * LISTENs on a Postgres channel (postgres.js keeps one dedicated connection for it, outside the
 * pool, and re-LISTENs after reconnecting). Resolves with the function that stops listening.
 */
export async function listenToChannel(
  db: Db,
  channel: string,
  onNotify: (payload: string) => void,
): Promise<() => Promise<void>> {
  // drizzle() returns the database with its postgres.js client attached; our Db type omits it.
  const client = (db as Db & { $client: Sql }).$client;
  const { unlisten } = await client.listen(channel, onNotify);
  return unlisten;
}
