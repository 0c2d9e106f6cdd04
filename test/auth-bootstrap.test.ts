import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bootstrapAccounts, DEMO_ADMIN, DEMO_CUSTOMER } from '../src/bootstrap/accounts.js';
import { loadEnv } from '../src/config/env.js';
import { postGraphql, startApiServer, type ApiServer } from './helpers/api-server.js';
import { captureLogger, LEVEL } from './helpers/log-capture.js';

/**
 * The bootstrap admin (ADMIN_EMAIL/ADMIN_PASSWORD) as an operator starts it, against accounts
 * that clients registered over HTTP before, and what start-up says about it.
 */
let api: ApiServer;
beforeAll(async () => {
  api = await startApiServer();
});
afterAll(() => api?.close());

const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { token user { id } } }';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token user { id role } } }';
const ME = '{ me { id role } }';

const register = async (email: string, password: string) => {
  const res = await postGraphql(api.base, {
    query: REGISTER,
    variables: { input: { email, password, name: 'Ops' } },
  });
  expect(res.body.errors).toBeUndefined();
  return res.body.data.register as { token: string; user: { id: string } };
};
const login = (email: string, password: string) =>
  postGraphql(api.base, { query: LOGIN, variables: { input: { email, password } } });
const me = async (token: string) =>
  (await postGraphql(api.base, { query: ME }, { authorization: `Bearer ${token}` })).body.data.me as {
    id: string;
    role: string;
  } | null;

/** Start-up as the operator configures it: a database of their own, not the embedded demo. */
async function startUp(vars: Record<string, string>) {
  const { logger, entries } = captureLogger();
  const env = loadEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/boxoffice', ...vars });
  await bootstrapAccounts(api.h.services.auth, env, false, logger);
  return entries;
}

describe('ADMIN_EMAIL of an account that already exists', () => {
  it('takes the account over with ADMIN_PASSWORD: the earlier password and its tokens stop working, and a warning names it', async () => {
    const email = `ops-${randomUUID()}@example.com`;
    const attacker = await register(email, 'attacker password');

    const entries = await startUp({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'operator password' });

    const theirs = await login(email, 'attacker password');
    expect(theirs.body.errors?.[0]?.extensions?.['code']).toBe('UNAUTHENTICATED');
    expect(theirs.body.data?.login ?? null).toBeNull();
    const ours = await login(email, 'operator password');
    expect(ours.body.data.login.user).toEqual({ id: attacker.user.id, role: 'ADMIN' });
    expect(await me(ours.body.data.login.token)).toEqual({ id: attacker.user.id, role: 'ADMIN' });
    // The token the attacker got at registration is revoked, not promoted.
    expect(await me(attacker.token)).toBeNull();

    const warning = entries.find((e) => e.level === LEVEL.warn && e['email'] === email);
    expect(warning?.msg).toMatch(/existing account .*password reset.*sessions revoked/i);
  });

  it('a restart with the same password keeps the admin signed in; a new ADMIN_PASSWORD revokes its sessions', async () => {
    const email = `admin-${randomUUID()}@example.com`;
    await startUp({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'first password' });
    const token = (await login(email, 'first password')).body.data.login.token as string;

    const again = await startUp({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'first password' });
    expect(await me(token)).toMatchObject({ role: 'ADMIN' });
    expect(again.filter((e) => e.level >= LEVEL.warn)).toEqual([]);

    const changed = await startUp({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'second password' });
    expect(await me(token)).toBeNull();
    expect((await login(email, 'first password')).body.errors?.[0]?.extensions?.['code']).toBe(
      'UNAUTHENTICATED',
    );
    expect((await login(email, 'second password')).body.data.login.user.role).toBe('ADMIN');
    expect(changed.some((e) => e.level === LEVEL.warn && e['email'] === email)).toBe(true);
  });

  it('an account that already has ADMIN_PASSWORD is promoted with a warning, and its earlier sessions end', async () => {
    const email = `self-${randomUUID()}@example.com`;
    const earlier = await register(email, 'operator password');
    const entries = await startUp({ ADMIN_EMAIL: email, ADMIN_PASSWORD: 'operator password' });
    expect(await me(earlier.token)).toBeNull();
    expect((await login(email, 'operator password')).body.data.login.user.role).toBe('ADMIN');
    const warning = entries.find((e) => e.level === LEVEL.warn && e['email'] === email);
    expect(warning?.msg).toMatch(/promoted/i);
  });
});

describe('demo accounts in production', () => {
  it('warns at start-up when the demo accounts exist, naming them and what to do', async () => {
    // An earlier embedded run (not production) created them in this database.
    const { logger } = captureLogger();
    await bootstrapAccounts(api.h.services.auth, loadEnv({}), true, logger);

    const setups: Record<string, string>[] = [
      {},
      { ADMIN_EMAIL: `boss-${randomUUID()}@example.com`, ADMIN_PASSWORD: 'boss password' },
    ];
    for (const vars of setups) {
      const entries = await startUp({ NODE_ENV: 'production', JWT_SECRET: 'x'.repeat(32), ...vars });
      const warning = entries.find((e) => e.level === LEVEL.warn && /demo account/i.test(e.msg));
      expect(warning, JSON.stringify(entries)).toBeDefined();
      expect(warning!.msg).toContain(DEMO_ADMIN.email);
      expect(warning!.msg).toContain(DEMO_CUSTOMER.email);
      expect(warning!.msg).toMatch(/delete/i);
    }
    // Outside production the demo accounts are expected: no such warning.
    const dev = await startUp({});
    expect(dev.some((e) => /demo account/i.test(e.msg))).toBe(false);
  });
});
