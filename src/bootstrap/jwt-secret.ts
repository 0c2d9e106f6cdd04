import { randomBytes } from 'node:crypto';
import path from 'node:path';
import type { Env } from '../config/env.js';
import { readOrCreateSecret } from '../config/secret-file.js';
import type { Logger } from '../logger.js';
import { StartupError } from './lifecycle.js';

/**
 * The token signing key: JWT_SECRET; in embedded mode a random key kept in DATA_DIR/jwt-secret
 * (tokens survive restarts); otherwise a per-process key, which production refuses because
 * tokens would break on restart and differ between API instances.
 */
export function resolveJwtSecret(env: Env, embedded: boolean, logger: Logger): string {
  if (env.JWT_SECRET) return env.JWT_SECRET;
  if (embedded) return readOrCreateSecret(path.resolve(env.DATA_DIR, 'jwt-secret'), 48);
  if (env.NODE_ENV === 'production') {
    throw new StartupError(
      'JWT_SECRET: required in production when DATABASE_URL is set (at least 32 characters)',
    );
  }
  logger.warn('JWT_SECRET is unset: using a random key for this process; tokens stop working on restart');
  return throwawayJwtSecret();
}

/** For processes that never sign or verify tokens (worker, CLIs): JWT_SECRET stays optional there. */
export function throwawayJwtSecret(): string {
  return randomBytes(48).toString('base64url');
}
