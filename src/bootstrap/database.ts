import path from 'node:path';
import type { Env } from '../config/env.js';
import { createDb, type DbHandle } from '../db/client.js';
import { startEmbeddedPostgres } from '../db/embedded.js';
import { runMigrations } from '../db/migrate.js';
import type { Logger } from '../logger.js';
import type { Lifecycle } from './lifecycle.js';

export interface Database {
  handle: DbHandle;
  /** True when this process started Postgres itself (no DATABASE_URL). */
  embedded: boolean;
}

/**
 * Connects to DATABASE_URL, or starts the embedded Postgres under DATA_DIR, and applies the
 * migrations. Everything started is registered for shutdown, so a failure later in startup
 * still stops Postgres.
 */
export async function openDatabase(env: Env, logger: Logger, lifecycle: Lifecycle): Promise<Database> {
  let url = env.DATABASE_URL;
  const embedded = url === undefined;
  if (url === undefined) {
    const dataDir = path.resolve(env.DATA_DIR);
    logger.info({ dataDir }, 'no DATABASE_URL: starting embedded Postgres');
    const pgLog = logger.child({ component: 'embedded-postgres' });
    const pg = await startEmbeddedPostgres(dataDir, { onLog: (msg) => pgLog.debug(msg.trim()) });
    lifecycle.onShutdown('embedded Postgres', pg.stop);
    url = pg.url;
  }
  await runMigrations(url);
  const handle = createDb(url, { max: env.DATABASE_POOL_MAX });
  lifecycle.onShutdown('database pool', handle.close);
  return { handle, embedded };
}
