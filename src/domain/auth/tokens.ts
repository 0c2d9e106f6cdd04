import { createSecretKey } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export type Role = 'CUSTOMER' | 'ADMIN';

/** Who is calling: resolved once per request (HTTP) or connection (WebSocket). */
export interface Viewer {
  id: string;
  role: Role;
}

const ISSUER = 'boxoffice';
/** Verified tokens remembered per process (oldest dropped first). */
const VERIFIED_CACHE_SIZE = 10_000;

export function createTokenIssuer(secret: string, ttlSeconds: number) {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  // jose verifies HS256 through WebCrypto (~0.1 ms of CPU per call), and a client sends the same
  // token with every request: remember verified tokens until they expire.
  const verified = new Map<string, { viewer: Viewer; expiresAtMs: number }>();
  return {
    sign: (viewer: Viewer): Promise<string> =>
      new SignJWT({ role: viewer.role })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(viewer.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    /** Null for anything that is not a valid, unexpired token of ours. */
    verify: async (token: string): Promise<Viewer | null> => {
      const known = verified.get(token);
      if (known && known.expiresAtMs > Date.now()) return known.viewer;
      if (known) verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, key, { issuer: ISSUER, algorithms: ['HS256'] });
        const role = payload['role'];
        if (typeof payload.sub !== 'string' || (role !== 'CUSTOMER' && role !== 'ADMIN')) return null;
        const viewer: Viewer = { id: payload.sub, role };
        if (typeof payload.exp === 'number') {
          if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
          verified.set(token, { viewer, expiresAtMs: payload.exp * 1000 });
        }
        return viewer;
      } catch (err) {
        if (err instanceof errors.JOSEError) return null;
        throw err;
      }
    },
  };
}
export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
