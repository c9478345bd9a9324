import { generateKeyPair, exportJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterEach, beforeEach } from 'vitest';
import { MockAgent } from 'undici';
import { useProviderDispatcher } from '../../src/providers/transport.js';

/** The adapter tier's network: an undici MockAgent that refuses anything not intercepted. */
export interface MockNetwork {
  agent: MockAgent;
}

/**
 * Routes every provider call of each test through a fresh MockAgent with net connect disabled,
 * and fails the test when an interception it set up was never asked for.
 */
export function useMockNetwork(): MockNetwork {
  const net = {} as MockNetwork;
  let restore: () => void = () => undefined;
  beforeEach(() => {
    net.agent = new MockAgent();
    net.agent.disableNetConnect();
    restore = useProviderDispatcher(net.agent);
  });
  afterEach(async () => {
    restore();
    try {
      net.agent.assertNoPendingInterceptors();
    } finally {
      await net.agent.close();
    }
  });
  return net;
}

export const JSON_HEADERS = { headers: { 'content-type': 'application/json' } };

/** A provider's RS256 signing key, its public JWKS, and a signer of ID tokens. */
export async function signingKey(kid = 'k1'): Promise<{ jwks: { keys: JWK[] }; sign(claims: JWTPayload): Promise<string> }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: (claims) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'RS256', kid })
        .setIssuedAt()
        .setExpirationTime('5m')
        .sign(privateKey),
  };
}
