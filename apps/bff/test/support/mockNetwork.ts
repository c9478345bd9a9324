import { generateKeyPair, exportJWK, SignJWT, type JWK, type JWTPayload } from 'jose';
import { afterEach, beforeEach } from 'vitest';
import { MockAgent } from 'undici';
// undici's index re-exports only Interceptable from this file; the callback's argument type lives here.
import type { MockInterceptor } from 'undici/types/mock-interceptor.js';
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

/** The form an adapter sent to an intercepted endpoint (the transport sends a string or bytes, never a stream). */
export function sentForm(request: MockInterceptor.MockResponseCallbackOptions): URLSearchParams {
  const { body } = request;
  if (typeof body === 'string') return new URLSearchParams(body);
  if (body instanceof Uint8Array) return new URLSearchParams(Buffer.from(body).toString('utf8'));
  throw new TypeError('the request body is not a string or bytes');
}

/** A provider's RS256 signing key, its public JWKS, and a signer of ID tokens. */
export async function signingKey(kid = 'k1'): Promise<{ jwks: { keys: JWK[] }; sign(claims: JWTPayload): Promise<string> }> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  return {
    jwks: { keys: [jwk] },
    sign: (claims) => new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid }).setIssuedAt().setExpirationTime('5m').sign(privateKey),
  };
}
