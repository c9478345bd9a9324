import { generateKeyPairSync, randomBytes } from 'node:crypto';
import type { JWKS } from 'oidc-provider';

/**
 * A fresh RS256 signing key set, private parts included (oidc-provider publishes only the public
 * half at /jwks). New on every start, so tokens from an earlier run no longer verify.
 */
export function generateSigningKeys(): JWKS {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = privateKey.export({ format: 'jwk' });
  // oidc-provider derives the `kid` (the key's thumbprint) itself.
  return { keys: [{ ...jwk, alg: 'RS256', use: 'sig' }] };
}

/** Random keys for oidc-provider's signed cookies, new on every start. */
export function generateCookieKeys(): string[] {
  return [randomBytes(32).toString('base64url')];
}
