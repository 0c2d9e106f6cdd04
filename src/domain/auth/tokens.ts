import { createSecretKey } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';

export type Role = 'CUSTOMER' | 'ADMIN';

/**
 * Who is calling: resolved once per request (HTTP) or operation (WebSocket). The role is the
 * database's, not the token's (see sessions.ts for how stale it may be).
 */
export interface Viewer {
  id: string;
  role: Role;
  /** As last read with the role; absent where a viewer is built without a database read (tests). */
  emailVerified?: boolean;
}

/** What a valid token of ours says. */
export interface TokenClaims {
  userId: string;
  /** The user's `token_version` when it was signed: a token of an older version is revoked. */
  tokenVersion: number;
  expiresAtMs: number;
}

const ISSUER = 'boxoffice';
/** Verified tokens remembered per process (oldest dropped first). */
const VERIFIED_CACHE_SIZE = 10_000;

export function createTokenIssuer(secret: string, ttlSeconds: number) {
  const key = createSecretKey(Buffer.from(secret, 'utf8'));
  // jose verifies HS256 through WebCrypto (~0.1 ms of CPU per call), and a client sends the same
  // token with every request: remember verified tokens until they expire.
  const verified = new Map<string, TokenClaims>();
  return {
    /** A token for the user's current sessions (`ver`); it carries no role, which is read per request. */
    sign: (user: { id: string; tokenVersion: number }): Promise<string> =>
      new SignJWT({ ver: user.tokenVersion })
        .setProtectedHeader({ alg: 'HS256' })
        .setSubject(user.id)
        .setIssuer(ISSUER)
        .setIssuedAt()
        .setExpirationTime(`${ttlSeconds}s`)
        .sign(key),
    /** Null for anything that is not a valid, unexpired token of ours. */
    verify: async (token: string): Promise<TokenClaims | null> => {
      const known = verified.get(token);
      if (known && known.expiresAtMs > Date.now()) return known;
      if (known) verified.delete(token);
      try {
        const { payload } = await jwtVerify(token, key, {
          issuer: ISSUER,
          algorithms: ['HS256'],
          requiredClaims: ['exp'],
        });
        // Tokens signed before versions existed carry none: they are version 0, which the first
        // revocation voids.
        const version = payload['ver'] ?? 0;
        if (typeof payload.sub !== 'string' || !Number.isSafeInteger(version) || (version as number) < 0)
          return null;
        const claims: TokenClaims = {
          userId: payload.sub,
          tokenVersion: version as number,
          expiresAtMs: payload.exp! * 1000,
        };
        if (verified.size >= VERIFIED_CACHE_SIZE) verified.delete(verified.keys().next().value!);
        verified.set(token, claims);
        return claims;
      } catch (err) {
        if (err instanceof errors.JOSEError) return null;
        throw err;
      }
    },
  };
}
export type TokenIssuer = ReturnType<typeof createTokenIssuer>;
