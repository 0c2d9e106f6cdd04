import { randomBytes, scrypt as scryptCb, timingSafeEqual, type ScryptOptions } from 'node:crypto';

const scrypt = (password: string, salt: Buffer, keylen: number, opts: ScryptOptions) =>
  new Promise<Buffer>((resolve, reject) =>
    scryptCb(password, salt, keylen, opts, (err, key) => (err ? reject(err) : resolve(key))),
  );

/**
 * scrypt cost of new hashes: OWASP's minimum, N = 2^17 with r = 8, p = 1. One hash takes
 * 128 MiB (128 * N * r bytes) and about 400 ms of one core on the 2-core reference machine.
 * Production always uses it; only tests lower it (ServiceConfig.passwordHashN).
 */
export const DEFAULT_SCRYPT_N = 2 ** 17;
const R = 8;
const P = 1;
const KEY_LENGTH = 32;
/** A stored hash asking for more (1 GiB at 2^20) is refused rather than computed. */
const MAX_N = 2 ** 20;
const MAX_R = 32;
const MAX_P = 16;

/**
 * Hashes computed at once per process. scrypt runs on libuv's threadpool (4 threads unless
 * UV_THREADPOOL_SIZE says otherwise), so a burst of logins could occupy all of it, delaying
 * file and DNS work, and hold 4 x 128 MiB. Two at a time keep both cores busy (no throughput is
 * lost on 2 cores), cap the memory at 256 MiB and leave two threads for everything else; the
 * rest wait their turn in memory (the per-IP rate limits and the per-account login budget
 * bound how many can queue).
 */
const CONCURRENT_HASHES = 2;

export interface PasswordHasher {
  /** `scrypt$N$r$p$salt$hash` (base64): self-describing, so N can rise without breaking old hashes. */
  hash(password: string): Promise<string>;
  /** False for a wrong password and for anything that is not a usable hash of ours. */
  verify(password: string, stored: string): Promise<boolean>;
  /** A valid hash made with other parameters than new ones get (upgrade it at the next login). */
  needsRehash(stored: string): boolean;
  /** A hash of no real password, computed once: verified against when an email is unknown, so that takes as long. */
  dummyHash(): Promise<string>;
}

interface Params {
  N: number;
  r: number;
  p: number;
  salt: Buffer;
  key: Buffer;
}

export function createPasswordHasher({ N = DEFAULT_SCRYPT_N }: { N?: number } = {}): PasswordHasher {
  if (!isPowerOfTwo(N) || N > MAX_N) throw new Error(`scrypt N must be a power of two up to ${MAX_N}`);
  const gate = createGate(CONCURRENT_HASHES);
  const run = (password: string, salt: Buffer, keylen: number, n: number, r: number, p: number) =>
    gate(() => scrypt(password, salt, keylen, { N: n, r, p, maxmem: maxmemFor(n, r, p) }));
  let dummy: Promise<string> | undefined;

  const hash = async (password: string) => {
    const salt = randomBytes(16);
    const key = await run(password, salt, KEY_LENGTH, N, R, P);
    return ['scrypt', N, R, P, salt.toString('base64'), key.toString('base64')].join('$');
  };
  return {
    hash,
    async verify(password, stored) {
      const params = parseHash(stored);
      if (!params) return false;
      const actual = await run(password, params.salt, params.key.length, params.N, params.r, params.p);
      return timingSafeEqual(actual, params.key);
    },
    needsRehash(stored) {
      const params = parseHash(stored);
      return params !== null && (params.N !== N || params.r !== R || params.p !== P);
    },
    dummyHash: () => (dummy ??= hash('not-a-real-password')),
  };
}

function parseHash(stored: string): Params | null {
  const [scheme, n, r, p, saltB64, keyB64] = stored.split('$');
  if (scheme !== 'scrypt' || !saltB64 || !keyB64) return null;
  const params = { N: Number(n), r: Number(r), p: Number(p) };
  if (!isPowerOfTwo(params.N) || params.N > MAX_N) return null;
  if (!Number.isInteger(params.r) || params.r < 1 || params.r > MAX_R) return null;
  if (!Number.isInteger(params.p) || params.p < 1 || params.p > MAX_P) return null;
  const key = Buffer.from(keyB64, 'base64');
  if (key.length === 0) return null;
  return { ...params, salt: Buffer.from(saltB64, 'base64'), key };
}

// Node refuses to run when 128 * N * r (plus a little) exceeds maxmem (default 32 MiB): allow twice that.
const maxmemFor = (N: number, r: number, p: number) => 2 * 128 * r * (N + p);

const isPowerOfTwo = (n: number) => Number.isInteger(n) && n >= 2 && (n & (n - 1)) === 0;

/** Runs at most `size` tasks at once; the others wait in arrival order. */
function createGate(size: number) {
  let running = 0;
  const waiting: (() => void)[] = [];
  return async <T>(task: () => Promise<T>): Promise<T> => {
    if (running >= size) await new Promise<void>((resolve) => waiting.push(resolve));
    else running++;
    try {
      return await task();
    } finally {
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
