import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { loadEnv } from '../src/config/env.js';
import { REPO_ROOT } from './helpers/spawn-process.js';

describe('loadEnv', () => {
  it('applies the documented defaults to an empty environment', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({
      NODE_ENV: 'development',
      PORT: 4000,
      DATA_DIR: './.data',
      RUN_WORKER: true,
      HOLD_TTL_SECONDS: 600,
      DOORS_OPEN_SECONDS: 7200,
      RATE_LIMITS: 'on',
      LOG_LEVEL: 'info',
      REQUIRE_VERIFIED_EMAIL: false,
    });
    for (const unset of [
      'HOST', // 127.0.0.1 in embedded mode, else 0.0.0.0 (test/start-exposure.test.ts)
      'DATABASE_URL',
      'REDIS_URL',
      'JWT_SECRET',
      'ADMIN_EMAIL',
      'STRIPE_SECRET_KEY',
      'STRIPE_API_URL',
    ]) {
      expect(env).not.toHaveProperty(unset);
    }
    expect(Object.isFrozen(env)).toBe(true);
  });

  it('parses valid values and treats empty variables as unset', () => {
    const env = loadEnv({
      PORT: '8080',
      DATABASE_URL: 'postgres://u:p@db:5432/boxoffice',
      REDIS_URL: 'redis://cache:6379',
      RUN_WORKER: 'false',
      HOLD_TTL_SECONDS: '120',
      JWT_SECRET: 'x'.repeat(32),
      ADMIN_EMAIL: 'ops@example.com',
      ADMIN_PASSWORD: 'long enough',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
      RATE_LIMITS: 'off',
      LOG_LEVEL: 'debug',
      STRIPE_SECRET_KEY: '',
    });
    expect(env).toMatchObject({ PORT: 8080, RUN_WORKER: false, HOLD_TTL_SECONDS: 120, RATE_LIMITS: 'off' });
    expect(env).not.toHaveProperty('STRIPE_SECRET_KEY');
  });

  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['DATABASE_URL', 'mysql://db/boxoffice'],
    ['DATABASE_POOL_MAX', '0'],
    ['REDIS_URL', 'http://cache:6379'],
    ['RUN_WORKER', 'maybe'],
    ['HOLD_TTL_SECONDS', '5'],
    ['HOLD_TTL_SECONDS', '1.5'],
    ['DOORS_OPEN_SECONDS', '-1'],
    ['JWT_SECRET', 'short'],
    ['ADMIN_EMAIL', 'not-an-email'],
    ['ADMIN_PASSWORD', 'short'],
    ['STRIPE_SECRET_KEY', 'pk_test_123'],
    ['STRIPE_WEBHOOK_SECRET', 'secret'],
    ['STRIPE_API_URL', 'ftp://stripe'],
    ['RATE_LIMITS', 'maybe'],
    ['REQUIRE_VERIFIED_EMAIL', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['NODE_ENV', 'staging'],
  ])('rejects %s=%j and names the variable', (name, value) => {
    const extra = name === 'ADMIN_PASSWORD' ? { ADMIN_EMAIL: 'ops@example.com' } : {};
    expect(() => loadEnv({ ...extra, [name]: value })).toThrow(
      new RegExp(`^Invalid environment:\\n  ${name}: `),
    );
  });

  it('requires ADMIN_PASSWORD when ADMIN_EMAIL is set', () => {
    expect(() => loadEnv({ ADMIN_EMAIL: 'ops@example.com' })).toThrow(/ADMIN_PASSWORD: required/);
  });

  it('lists every bad variable at once', () => {
    expect(() => loadEnv({ PORT: 'abc', LOG_LEVEL: 'loud' })).toThrow(/PORT: .*\n  LOG_LEVEL: /);
  });
});

describe('npm start with a bad environment', () => {
  it('prints which variable is wrong, without a stack trace, and exits 1', () => {
    const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: REPO_ROOT,
      env: { PATH: process.env['PATH'], PORT: 'abc', RUN_WORKER: 'maybe' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(res.status).toBe(1);
    expect(res.stderr).toContain('PORT: ');
    expect(res.stderr).toContain('RUN_WORKER: ');
    expect(res.stderr).not.toMatch(/\n\s+at /);
    expect(res.stdout).toBe('');
  });
});
