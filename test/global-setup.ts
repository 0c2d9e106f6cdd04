import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import postgres from 'postgres';
import type { TestProject } from 'vitest/node';
import { startEmbeddedPostgres, type EmbeddedDb } from '../src/db/embedded.js';
import { runMigrations } from '../src/db/migrate.js';
import { TEMPLATE_DB, TEST_DB_PREFIX, withDatabase } from './helpers/db-url.js';

declare module 'vitest' {
  export interface ProvidedContext {
    adminDbUrl: string;
  }
}

/**
 * Once per run: find a Postgres (TEST_DATABASE_URL, else an embedded one in a temp dir), build a
 * template database with the real migrations; each test file clones it.
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
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  await dropTestDatabases(admin);
  await admin.unsafe(`CREATE DATABASE ${TEMPLATE_DB}`);
  // runMigrations closes its connection: a template must have none open when it is cloned.
  await runMigrations(withDatabase(adminUrl, TEMPLATE_DB));
  project.provide('adminDbUrl', adminUrl);

  return async function teardown() {
    await dropTestDatabases(admin).catch(() => {});
    await admin.end();
    await embedded?.stop();
    if (tmp) rmSync(tmp, { recursive: true, force: true });
  };
}

async function dropTestDatabases(admin: postgres.Sql) {
  const rows = await admin<{ datname: string }[]>`
    select datname from pg_database where datname like ${TEST_DB_PREFIX + '%'} or datname = ${TEMPLATE_DB}`;
  for (const { datname } of rows) await admin.unsafe(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
}
