import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDb } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { runPrefix, runStartOf, TEST_DB_PREFIX, withDatabase } from './helpers/db-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDbUrl: string;
    /** Prefix of this run's databases; `<prefix>template` is the migrated template. */
    dbPrefix: string;
  }
}

const STALE_AFTER_MS = 6 * 3600 * 1000;

/**
 * Once per run: find a Postgres (TEST_DATABASE_URL, else an embedded one in a temp dir), build a
 * template database with the real migrations; each harness clones it.
 */
export default async function setup(project: TestProject) {
  let embedded: EmbeddedDb | undefined;
  let tmp: string | undefined;
  let adminUrl = process.env['TEST_DATABASE_URL'];
  if (!adminUrl) {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'boxoffice-test-pg-'));
    embedded = await startEmbeddedPostgres(tmp, { port: 0 });
    adminUrl = embedded.url;
  }
  const prefix = runPrefix(Date.now(), process.pid);
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await dropDatabases(admin, (name) => (runStartOf(name) ?? Infinity) < Date.now() - STALE_AFTER_MS);
  await admin.unsafe(`CREATE DATABASE ${prefix}template`);
  // runMigrations closes its connection: a template must have none open when it is cloned.
  await runMigrations(withDatabase(adminUrl, `${prefix}template`));
  project.provide('adminDbUrl', adminUrl);
  project.provide('dbPrefix', prefix);

  return async function teardown() {
    await dropDatabases(admin, (name) => name.startsWith(prefix)).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}

async function dropDatabases(admin: postgres.Sql, which: (name: string) => boolean) {
  const rows = await admin<{ datname: string }[]>`
    select datname from pg_database where datname like ${TEST_DB_PREFIX + '%'}`;
  for (const { datname } of rows.filter((r) => which(r.datname))) {
    await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
  }
}
