import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DEMO_ADMIN } from '../src/bootstrap/accounts.js';
import {
  answersAt,
  externalAddress,
  logEntry,
  spawnEntrypoint,
  type SpawnedProcess,
} from './helpers/spawn-process.js';

// Opt-in (BOXOFFICE_EMBEDDED_SMOKE=1; .ci/run sets it): the newcomer path, `npm start` with no
// DATABASE_URL, twice on the same data directory, then what the demo exposes. About 15 s. In one
// file, so that no two embedded Postgres start at once.
const enabled = process.env['BOXOFFICE_EMBEDDED_SMOKE'] === '1';
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'boxoffice-embedded-'));
const exposureDir = mkdtempSync(path.join(os.tmpdir(), 'boxoffice-exposure-'));
const spawned: SpawnedProcess[] = [];

afterAll(() => {
  for (const p of spawned) if (p.child.exitCode === null) p.child.kill('SIGKILL');
  for (const dir of [dataDir, exposureDir]) rmSync(dir, { recursive: true, force: true });
});

const startWith = async (env: Record<string, string>) => {
  const api = await spawnEntrypoint({ PORT: '0', LOG_LEVEL: 'info', ...env });
  spawned.push(api);
  return api;
};
const start = () => startWith({ DATA_DIR: dataDir, HOST: '127.0.0.1' });
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

// What the embedded demo exposes (known passwords; a fake Stripe that confirms any test card):
// loopback unless HOST says otherwise, and never the fake Stripe in production.
describe.runIf(enabled)('npm start without DATABASE_URL nor HOST', () => {
  it('with NODE_ENV=production: loopback only, no fake Stripe (payments disabled, with a warning)', async () => {
    const api = await startWith({ DATA_DIR: exposureDir, NODE_ENV: 'production' });
    try {
      expect(await answersAt('127.0.0.1', api.port)).toBe(true);
      if (externalAddress) expect.soft(await answersAt(externalAddress, api.port)).toBe(false);
      // soft: each of these is its own finding
      expect.soft(api.stdout()).not.toContain('fake Stripe at');
      expect
        .soft(logEntry(api, 'no STRIPE_SECRET_KEY: using the built-in fake Stripe (test mode)'))
        .toBeUndefined();
      const warning = api
        .stdout()
        .split('\n')
        .find((line) => line.includes('payments are disabled'));
      expect.soft(warning).toContain('never runs with NODE_ENV=production');
      expect(logEntry(api, 'listening')).toMatchObject({ host: '127.0.0.1', embedded: true });
      expect(api.stdout()).toContain('this machine only (HOST=0.0.0.0 opens it to the network)');
    } finally {
      await expect(stop(api)).resolves.toEqual({ code: 0, signal: null });
    }
  });

  it('HOST set explicitly is honoured; outside production the fake Stripe still runs', async () => {
    const api = await startWith({ DATA_DIR: exposureDir, HOST: '0.0.0.0' });
    try {
      if (externalAddress) expect(await answersAt(externalAddress, api.port)).toBe(true);
      expect(api.stdout()).toContain('fake Stripe at http://127.0.0.1:');
      expect(api.stdout()).not.toContain('this machine only');
      expect(logEntry(api, 'listening')).toMatchObject({ host: '0.0.0.0', embedded: true });
    } finally {
      await expect(stop(api)).resolves.toEqual({ code: 0, signal: null });
    }
  });
});
