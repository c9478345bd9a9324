import * as client from 'openid-client';
import { describe, expect, it } from 'vitest';
import { pkceChallenge } from '../../src/providers/pkce.js';

describe('the PKCE S256 challenge', () => {
  it('is RFC 7636 Appendix B’s example value', () => {
    expect(pkceChallenge('dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk')).toBe('E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM');
  });

  it('is what openid-client computes, for fresh verifiers', async () => {
    for (let i = 0; i < 20; i += 1) {
      const verifier = client.randomPKCECodeVerifier();
      expect(pkceChallenge(verifier)).toBe(await client.calculatePKCECodeChallenge(verifier));
    }
  });
});
