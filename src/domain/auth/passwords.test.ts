import { randomBytes, scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { serviceConfigFromEnv } from '../../bootstrap/service-config.js';
import { loadEnv } from '../../config/env.js';
import { createPasswordHasher, DEFAULT_SCRYPT_N } from './passwords.js';

/** A hash as the code before N = 2^17 made them (N = 2^15). */
function legacyHash(password: string): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 32, { N: 2 ** 15, r: 8, p: 1, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', 2 ** 15, 8, 1, salt.toString('base64'), key.toString('base64')].join('$');
}

describe('password hashes', () => {
  it('production hashes at N = 2^17: nothing in the environment lowers it', async () => {
    const config = serviceConfigFromEnv(loadEnv({ NODE_ENV: 'production' }), 'x'.repeat(32));
    expect(config.passwordHashN).toBeUndefined();
    expect(DEFAULT_SCRYPT_N).toBe(2 ** 17);
    const hasher = createPasswordHasher();
    const stored = await hasher.hash('correct horse battery');
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$/);
    expect(await hasher.verify('correct horse battery', stored)).toBe(true);
    expect(await hasher.verify('wrong horse battery', stored)).toBe(false);
    expect(hasher.needsRehash(stored)).toBe(false);
  });

  it('older hashes still verify, and are marked for an upgrade', async () => {
    const hasher = createPasswordHasher({ N: 2 ** 10 });
    const old = legacyHash('correct horse battery');
    expect(await hasher.verify('correct horse battery', old)).toBe(true);
    expect(hasher.needsRehash(old)).toBe(true);
  });

  it('refuses what is not a usable hash instead of computing it', async () => {
    const hasher = createPasswordHasher({ N: 2 ** 10 });
    for (const stored of [
      'disabled',
      'scrypt$unusable',
      'scrypt$3$8$1$AAAA$AAAA',
      'scrypt$2097152$8$1$AAAA$AAAA',
      '',
    ]) {
      expect(await hasher.verify('anything', stored), stored).toBe(false);
      expect(hasher.needsRehash(stored)).toBe(false);
    }
  });
});
