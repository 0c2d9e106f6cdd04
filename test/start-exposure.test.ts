import { afterAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from './helpers/db.js';
import {
  answersAt,
  externalAddress,
  logEntry,
  spawnEntrypoint,
  type SpawnedProcess,
} from './helpers/spawn-process.js';

/**
 * With DATABASE_URL, `npm start` listens on every interface unless HOST says otherwise
 * (containers; docker-compose publishes the port). The embedded demo's defaults (loopback, no
 * fake Stripe in production) are in embedded-start.test.ts: embedded starts must not overlap.
 */
let api: SpawnedProcess | undefined;
let database: Awaited<ReturnType<typeof createTestDatabase>> | undefined;
afterAll(async () => {
  if (api?.child.exitCode === null) api.child.kill('SIGKILL');
  await database?.drop();
});

describe('npm start with DATABASE_URL', () => {
  it('listens on every interface by default', async () => {
    database = await createTestDatabase();
    api = await spawnEntrypoint({
      DATABASE_URL: database.url,
      PORT: '0',
      LOG_LEVEL: 'info',
      RUN_WORKER: 'false',
    });
    expect(await answersAt('127.0.0.1', api.port)).toBe(true);
    if (externalAddress) expect(await answersAt(externalAddress, api.port)).toBe(true);
    expect(logEntry(api, 'listening')).toMatchObject({ host: '0.0.0.0', embedded: false });
    api.child.kill('SIGTERM');
    await expect(api.exited).resolves.toEqual({ code: 0, signal: null });
  });
});
