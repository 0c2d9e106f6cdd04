import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN } from '../src/bootstrap/accounts.js';
import { spawnEntrypoint, type SpawnedProcess } from './helpers/spawn-process.js';

// Opt-in (BOXOFFICE_EMBEDDED_SMOKE=1; .ci/run sets it): the newcomer path, `npm start` with no
// DATABASE_URL, twice on the same data directory. About 5 s.
const enabled = process.env['BOXOFFICE_EMBEDDED_SMOKE'] === '1';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boxoffice-embedded-'));
const spawned: SpawnedProcess[] = [];

afterAll(() => {
  for (const p of spawned) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
});

const start = async () => {
  const api = await spawnEntrypoint({ DATA_DIR: dataDir, PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'info' });
  spawned.push(api);
  return api;
};
const stop = async (api: SpawnedProcess) => {
  api.child.kill('SIGTERM');
  return api.exited;
};
const gql = async (port: number, query: string, token?: string) => {
  const res = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query }),
  });
  return (await res.json()) as { data?: any; errors?: unknown[] };
};
const LOGIN = `mutation { login(input: { email: "${DEMO_ADMIN.email}", password: "${DEMO_ADMIN.password}" }) { token } }`;

describe.runIf(enabled)('npm start without DATABASE_URL', () => {
  it('starts embedded Postgres, seeds the demo catalog once, keeps tokens valid across restarts', async () => {
    const first = await start();
    expect(first.stdout()).toContain('demo catalog seeded');
    expect(first.stdout()).toContain(`${DEMO_ADMIN.email} / ${DEMO_ADMIN.password}`);
    const cities = await gql(first.port, '{ cities { name } }');
    expect(cities.data.cities.map((c: { name: string }) => c.name)).toEqual([
      'Amsterdam',
      'Berlin',
      'London',
    ]);
    const { token } = (await gql(first.port, LOGIN)).data.login;
    await expect(stop(first)).resolves.toEqual({ code: 0, signal: null });

    const second = await start();
    expect(second.stdout()).not.toContain('demo catalog seeded');
    expect((await gql(second.port, '{ me { email role } }', token)).data.me).toEqual({
      email: DEMO_ADMIN.email,
      role: 'ADMIN',
    });
    const shows = await gql(second.port, '{ shows(filter: {}, first: 100) { edges { node { id } } } }');
    expect(shows.data.shows.edges.length).toBeGreaterThan(50);
    await expect(stop(second)).resolves.toEqual({ code: 0, signal: null });
  });
});
