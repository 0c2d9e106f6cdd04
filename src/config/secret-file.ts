import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Reads a random secret kept in `file`, creating it (owner-only) on first use, so a data
 * directory keeps the same secret across restarts.
 */
export function readOrCreateSecret(file: string, bytes = 32): string {
  mkdirSync(path.dirname(file), { recursive: true });
  try {
    // 'wx' fails when the file exists: two processes starting together keep the first secret.
    writeFileSync(file, randomBytes(bytes).toString('base64url'), { mode: 0o600, flag: 'wx' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
  }
  const secret = readFileSync(file, 'utf8').trim();
  if (secret === '') throw new Error(`${file} is empty: delete it to generate a new secret`);
  return secret;
}
