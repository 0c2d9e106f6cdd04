import { describe, expect, it } from 'vitest';
import { createTokenIssuer } from './tokens.js';

const SECRET = 'unit-test-secret-unit-test-secret-0123456';

describe('token issuer', () => {
  it('verifies its own tokens, repeatedly, and rejects tampered or foreign ones', async () => {
    const issuer = createTokenIssuer(SECRET, 60);
    const token = await issuer.sign({ id: 'u-1', role: 'CUSTOMER' });
    expect(await issuer.verify(token)).toEqual({ id: 'u-1', role: 'CUSTOMER' });
    expect(await issuer.verify(token)).toEqual({ id: 'u-1', role: 'CUSTOMER' }); // remembered
    const [h, p, sig] = token.split('.');
    const forged = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(p!, 'base64url').toString()), role: 'ADMIN' }),
    ).toString('base64url');
    expect(await issuer.verify(`${h}.${forged}.${sig}`)).toBeNull();
    const other = createTokenIssuer('another-secret-another-secret-0123456789', 60);
    expect(await other.verify(token)).toBeNull();
  });

  it('stops accepting a remembered token once it expires', async () => {
    const issuer = createTokenIssuer(SECRET, 1);
    const token = await issuer.sign({ id: 'u-2', role: 'ADMIN' });
    expect(await issuer.verify(token)).toEqual({ id: 'u-2', role: 'ADMIN' });
    await new Promise((r) => setTimeout(r, 2100));
    expect(await issuer.verify(token)).toBeNull();
  });
});
