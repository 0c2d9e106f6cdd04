import { randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CREATE_CITY, expectData, expectError } from './helpers/admin-ops.js';
import { createHarness, TEST_CONFIG, type Harness } from './helpers/harness.js';

let h: Harness;
beforeAll(async () => {
  h = await createHarness();
});
afterAll(() => h.close());

const USER_FIELDS = 'id email name role createdAt';
const REGISTER = `mutation ($input: RegisterInput!) { register(input: $input) { token user { ${USER_FIELDS} } } }`;
const LOGIN = `mutation ($input: LoginInput!) { login(input: $input) { token user { ${USER_FIELDS} } } }`;
const ME = `{ me { ${USER_FIELDS} } }`;
const PASSWORD = 'correct horse battery staple';
const email = () => `User.${randomUUID()}@Example.TEST`;
const viewerFor = (token: string) => h.services.auth.authenticate(`Bearer ${token}`);

async function register(input: Partial<Record<'email' | 'password' | 'name', string>> = {}) {
  return h.exec(REGISTER, { input: { email: email(), password: PASSWORD, name: 'Ada Lovelace', ...input } });
}

describe('register, login, me', () => {
  it('round trip: register, sign in, read me with the token', async () => {
    const address = email();
    const reg = expectData(await register({ email: `  ${address} `, name: ' Ada ' })).register;
    expect(reg.user).toMatchObject({ email: address.toLowerCase(), name: 'Ada', role: 'CUSTOMER' });
    expect(new Date(reg.user.createdAt).getTime()).toBeGreaterThan(Date.now() - 60_000);

    const login = expectData(
      await h.exec(LOGIN, { input: { email: address.toUpperCase(), password: PASSWORD } }),
    ).login;
    expect(login.user).toEqual(reg.user);

    for (const token of [reg.token, login.token]) {
      const viewer = await viewerFor(token);
      expect(viewer).toEqual({ id: reg.user.id, role: 'CUSTOMER', emailVerified: false });
      expect(expectData(await h.exec(ME, {}, viewer)).me).toEqual(reg.user);
    }
  });

  it('me is null without a token', async () => {
    expect(expectData(await h.exec(ME, {}, null))).toEqual({ me: null });
  });

  it('me is null for a valid token of an account that no longer exists', async () => {
    expect(expectData(await h.exec(ME, {}, { id: randomUUID(), role: 'CUSTOMER' })).me).toBeNull();
  });

  it('rejects a duplicate email, whatever its case', async () => {
    const address = email();
    expectData(await register({ email: address }));
    expectError(await register({ email: address.toUpperCase() }), 'BAD_USER_INPUT', 'input.email');
  });

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'input.email'],
    ['an email with a NUL byte', { email: 'a\u0000b@example.test' }, 'input.email'],
    ['a 7-character password', { password: '1234567' }, 'input.password'],
    ['a 201-character password', { password: 'p'.repeat(201) }, 'input.password'],
    ['an empty name', { name: '  ' }, 'input.name'],
  ])('register rejects %s', async (_what, patch, field) => {
    expectError(await register(patch), 'BAD_USER_INPUT', field);
  });

  it('login: wrong password and unknown email fail alike', async () => {
    const address = email();
    expectData(await register({ email: address }));
    const wrong = expectError(
      await h.exec(LOGIN, { input: { email: address, password: 'wrong password' } }),
      'UNAUTHENTICATED',
    );
    const unknown = expectError(
      await h.exec(LOGIN, { input: { email: email(), password: PASSWORD } }),
      'UNAUTHENTICATED',
    );
    expect(wrong.message).toBe(unknown.message);
    expect(wrong.extensions).toEqual(unknown.extensions);
  });

  it('login: malformed input is UNAUTHENTICATED, never an internal error', async () => {
    for (const input of [
      { email: 'a\u0000b@example.test', password: PASSWORD },
      { email: 'x'.repeat(100_000), password: PASSWORD },
      { email: '', password: '' },
    ]) {
      expectError(await h.exec(LOGIN, { input }), 'UNAUTHENTICATED');
    }
  });

  it('login: a password longer than the maximum never matches a stored prefix', async () => {
    const address = email();
    const password = 'p'.repeat(200);
    expectData(await register({ email: address, password }));
    expectData(await h.exec(LOGIN, { input: { email: address, password } }));
    expectError(
      await h.exec(LOGIN, { input: { email: address, password: `${password}x` } }),
      'UNAUTHENTICATED',
    );
  });
});

describe('tokens', () => {
  let token: string;
  let userId: string;
  beforeAll(async () => {
    const reg = expectData(await register()).register;
    token = reg.token;
    userId = reg.user.id;
  });

  const b64 = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');

  it('a tampered token gives no viewer: me is null and admin mutations are UNAUTHENTICATED', async () => {
    const [header, payload, signature] = token.split('.') as [string, string, string];
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    const forged = [
      `${header}.${b64({ ...claims, role: 'ADMIN' })}.${signature}`, // privilege escalation
      `${header}.${payload}.${signature.slice(0, -2)}${signature.endsWith('AA') ? 'BB' : 'AA'}`,
      `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ ...claims, role: 'ADMIN' })}.`,
      await new SignJWT({ role: 'ADMIN' })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(userId)
        .setIssuer('boxoffice')
        .setExpirationTime('1h')
        .sign(new TextEncoder().encode('some-other-secret-some-other-secret')),
    ];
    for (const t of forged) {
      const viewer = await viewerFor(t);
      expect(viewer, t).toBeNull();
      expect(expectData(await h.exec(ME, {}, viewer)).me).toBeNull();
      expectError(
        await h.exec(CREATE_CITY, { input: { name: 'Forged', country: 'DE' } }, viewer),
        'UNAUTHENTICATED',
      );
    }
  });

  it('an expired token gives no viewer', async () => {
    const expired = await new SignJWT({ role: 'CUSTOMER' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(userId)
      .setIssuer('boxoffice')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
      .setExpirationTime(Math.floor(Date.now() / 1000) - 3600)
      .sign(new TextEncoder().encode(TEST_CONFIG.jwtSecret));
    expect(await viewerFor(expired)).toBeNull();
  });

  it.each([
    undefined,
    '',
    'Bearer',
    `Basic ${Buffer.from('a:b').toString('base64')}`,
    'Bearer a.b.c',
    'Bearer  x y',
  ])('authorization %j gives no viewer', async (header) => {
    expect(await h.services.auth.authenticate(header)).toBeNull();
  });

  it('a customer token is FORBIDDEN for admin mutations', async () => {
    const viewer = await viewerFor(token);
    expectError(await h.exec(CREATE_CITY, { input: { name: 'Nope', country: 'DE' } }, viewer), 'FORBIDDEN');
  });
});

describe('the password hash is never exposed', () => {
  it('User has no field that could carry it', async () => {
    const res = expectData(await h.exec(`{ __type(name: "User") { fields { name } } }`));
    expect(res.__type.fields.map((f: { name: string }) => f.name).sort()).toEqual([
      'bookings',
      'createdAt',
      'email',
      'emailVerified',
      'id',
      'name',
      'role',
      'venueRoles',
    ]);
    const viewer = await h.customer();
    expectError(await h.exec(`{ me { id passwordHash } }`, {}, viewer), 'BAD_USER_INPUT');
  });

  it('responses carry no hash material', async () => {
    const res = await register();
    expect(JSON.stringify(res)).not.toMatch(/scrypt|passwordHash/i);
  });
});

describe('bootstrap admin', () => {
  it('makes an existing customer an ADMIN that signs in only with the given password', async () => {
    const address = email();
    const reg = expectData(await register({ email: address })).register;
    const { user, outcome } = await h.services.auth.ensureAdmin(address.toUpperCase(), 'the operator password');
    expect(outcome).toBe('RESET');
    expect(user).toMatchObject({ id: reg.user.id, role: 'ADMIN' });
    expectError(await h.exec(LOGIN, { input: { email: address, password: PASSWORD } }), 'UNAUTHENTICATED');
    const login = expectData(
      await h.exec(LOGIN, { input: { email: address, password: 'the operator password' } }),
    ).login;
    expect(login.user.role).toBe('ADMIN');
    expect(await viewerFor(login.token)).toEqual({ id: reg.user.id, role: 'ADMIN', emailVerified: true });
    expect(await viewerFor(reg.token)).toBeNull();
  });
});
