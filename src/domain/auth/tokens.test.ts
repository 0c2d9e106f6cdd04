import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { createTokenIssuer } from './tokens.js';

const SECRET = 'unit-test-secret-unit-test-secret-0123456';
const claimsOf = (userId: string, tokenVersion: number) => ({
  userId,
  tokenVersion,
  expiresAtMs: expect.any(Number),
});

describe('token issuer', () => {
  it('verifies its own tokens, repeatedly, and rejects tampered or foreign ones', async () => {
    const issuer = createTokenIssuer(SECRET, 60);
    const token = await issuer.sign({ id: 'u-1', tokenVersion: 3 });
    expect(await issuer.verify(token)).toEqual(claimsOf('u-1', 3));
    expect(await issuer.verify(token)).toEqual(claimsOf('u-1', 3)); // remembered
    const [h, p, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), ver: 4 }),
    ).toString('base64url');
    expect(await issuer.verify(`${h}.${forged}.${sig}`)).toBeNull();
    const other = createTokenIssuer('another-secret-another-secret-0123456789', 60);
    expect(await other.verify(token)).toBeNull();
  });

  it('carries the expiry, to the second', async () => {
    const issuer = createTokenIssuer(SECRET, 60);
    const before = Math.floor(Date.now() / 1000) * 1000;
    const claims = await issuer.verify(await issuer.sign({ id: 'u-1', tokenVersion: 0 }));
    expect(claims!.expiresAtMs - before).toBeGreaterThanOrEqual(60_000);
    expect(claims!.expiresAtMs - before).toBeLessThanOrEqual(61_000);
  });

  it('a token from before versions (role claim, no ver) is version 0', async () => {
    const issuer = createTokenIssuer(SECRET, 60);
    const legacy = await new SignJWT({ role: 'ADMIN' })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject('u-3')
      .setIssuer('boxoffice')
      .setIssuedAt()
      .setExpirationTime('60s')
      .sign(new TextEncoder().encode(SECRET));
    expect(await issuer.verify(legacy)).toEqual(claimsOf('u-3', 0));
  });

  it('stops accepting a remembered token once it expires', async () => {
    const issuer = createTokenIssuer(SECRET, 1);
    const token = await issuer.sign({ id: 'u-2', tokenVersion: 0 });
    expect(await issuer.verify(token)).toEqual(claimsOf('u-2', 0));
    await new Promise((r) => setTimeout(r, 2100));
    expect(await issuer.verify(token)).toBeNull();
  });
});
