import { randomUUID } from 'node:crypto';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postGraphql, startApiServer, type ApiServer, type HttpAnswer } from './helpers/api-server.js';
import { createHarness, createManualClock } from './helpers/harness.js';

/**
 * Enumeration and password guessing over HTTP: register does not say an email is taken, failed
 * logins are budgeted per account (whatever the IP, whether or not the account exists) before any
 * hash is computed, and new hashes use scrypt N = 2^17.
 */
const clock = createManualClock();
let api: ApiServer;
let ipCounter = 0;
const freshIp = () => `10.1.${Math.floor(++ipCounter / 250)}.${ipCounter % 250}`;

beforeAll(async () => {
  // Every request from another IP: the per-account budget must hold whatever the IP.
  api = await startApiServer({ trustProxy: 'loopback' }, await createHarness({ clock }));
});
afterAll(async () => {
  await api?.close();
  await api?.h.close();
});

const PASSWORD = 'correct horse battery staple';
const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { token user { id } } }';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { token } }';
const newEmail = () => `guess-${randomUUID()}@example.test`;
const register = (base: string, email: string, password = PASSWORD) =>
  postGraphql(
    base,
    { query: REGISTER, variables: { input: { email, password, name: 'Someone' } } },
    {
      'x-forwarded-for': freshIp(),
    },
  );
const login = (email: string, password: string, base = api.base) =>
  postGraphql(
    base,
    { query: LOGIN, variables: { input: { email, password } } },
    { 'x-forwarded-for': freshIp() },
  );
const errorOf = (res: HttpAnswer) => res.body.errors?.[0];
const codeOf = (res: HttpAnswer) => errorOf(res)?.extensions?.['code'];

describe('register does not say that an email is taken', () => {
  it('answers a taken email without "exists", on the email field, and changes nothing', async () => {
    const email = newEmail();
    expect(codeOf(await register(api.base, email))).toBeUndefined();
    const again = await register(api.base, email.toUpperCase(), 'another password');
    expect(errorOf(again)?.extensions).toEqual({ code: 'BAD_USER_INPUT', field: 'input.email' });
    expect(errorOf(again)?.message).not.toMatch(/exist|taken|already|registered/i);
    expect(codeOf(await login(email, PASSWORD))).toBeUndefined();
  });
});

describe('failed logins are budgeted per account', () => {
  it('after 5 failures the next attempt, even with the right password, waits: RATE_LIMITED with retryAfterSeconds', async () => {
    const email = newEmail();
    await register(api.base, email);
    for (let i = 0; i < 5; i++) expect(codeOf(await login(email, `wrong ${i}`))).toBe('UNAUTHENTICATED');
    const refused = await login(email, PASSWORD);
    expect(errorOf(refused)?.extensions).toEqual({ code: 'RATE_LIMITED', retryAfterSeconds: 2 });
    expect(refused.body.data?.login ?? null).toBeNull();
  });

  it('an unknown email is budgeted the same way, so the answers tell nothing', async () => {
    const known = newEmail();
    const unknown = newEmail();
    await register(api.base, known);
    const answers: Record<string, HttpAnswer[]> = { known: [], unknown: [] };
    for (let i = 0; i < 7; i++) {
      answers['known']!.push(await login(known, `wrong ${i}`));
      answers['unknown']!.push(await login(unknown, `wrong ${i}`));
    }
    const shape = (a: HttpAnswer) => ({ status: a.status, body: a.body });
    expect(answers['known']!.map(shape)).toEqual(answers['unknown']!.map(shape));
    expect(answers['unknown']!.map(codeOf)).toEqual([
      ...Array(5).fill('UNAUTHENTICATED'),
      'RATE_LIMITED',
      'RATE_LIMITED',
    ]);
  });

  it('concurrent guesses share one budget: 20 at once, at most 5 are tried', async () => {
    const email = newEmail();
    await register(api.base, email);
    const codes = (await Promise.all(Array.from({ length: 20 }, (_, i) => login(email, `wrong ${i}`)))).map(
      codeOf,
    );
    expect(codes.filter((c) => c === 'UNAUTHENTICATED')).toHaveLength(5);
    expect(codes.filter((c) => c === 'RATE_LIMITED')).toHaveLength(15);
  });

  it('backs off exponentially up to 15 minutes; a success resets the budget', async () => {
    const email = newEmail();
    await register(api.base, email);
    for (let i = 0; i < 5; i++) await login(email, `wrong ${i}`);
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      const refused = await login(email, 'still wrong');
      expect(codeOf(refused)).toBe('RATE_LIMITED');
      const seconds = errorOf(refused)!.extensions!['retryAfterSeconds'] as number;
      waits.push(seconds);
      clock.advance(seconds * 1000 - 1);
      expect(codeOf(await login(email, 'still wrong'))).toBe('RATE_LIMITED'); // not a moment early
      clock.advance(1);
      expect(codeOf(await login(email, 'still wrong'))).toBe('UNAUTHENTICATED');
    }
    expect(waits).toEqual([2, 4, 8, 16, 32, 64, 128, 256, 512, 900, 900, 900]);

    clock.advance(900_000);
    expect(codeOf(await login(email, PASSWORD))).toBeUndefined();
    for (let i = 0; i < 5; i++) expect(codeOf(await login(email, `wrong ${i}`))).toBe('UNAUTHENTICATED');
    expect(codeOf(await login(email, 'wrong again'))).toBe('RATE_LIMITED');
  });
});

describe('password hashes', () => {
  let prod: ApiServer;
  beforeAll(async () => {
    // The production default (N = 2^17), not the harness's cheap test setting.
    prod = await startApiServer(
      { trustProxy: 'loopback' },
      await createHarness({ config: { passwordHashN: 2 ** 17 } }),
    );
  });
  afterAll(async () => {
    await prod?.close();
    await prod?.h.close();
  });

  it('new hashes use scrypt N = 2^17; a refused attempt costs no hash', async () => {
    const email = newEmail();
    expect(codeOf(await register(prod.base, email))).toBeUndefined();
    const [row] = await prod.h.db.db.execute<{ password_hash: string }>(
      sql`select password_hash from users where email = ${email}`,
    );
    expect(row!.password_hash).toMatch(/^scrypt\$131072\$8\$1\$/);

    const failures: number[] = [];
    for (let i = 0; i < 5; i++) failures.push((await login(email, `wrong ${i}`, prod.base)).ms);
    const refused = await login(email, 'wrong again', prod.base);
    expect(codeOf(refused)).toBe('RATE_LIMITED');
    // A hash at N = 2^17 takes hundreds of milliseconds; the refusal is one statement.
    expect(refused.ms).toBeLessThan(Math.min(...failures) / 2);
  });
});
