import { createHash } from 'node:crypto';

/**
 * RFC 7636 §4.2 S256: BASE64URL(SHA256(ASCII(code_verifier))). The same value as openid-client's
 * calculatePKCECodeChallenge, computed synchronously: its WebCrypto digest hands a 43-byte hash to
 * the thread pool and back, which measured as most of the CPU a sign-in's redirect costs.
 */
export function pkceChallenge(codeVerifier: string): string {
  return createHash('sha256').update(codeVerifier, 'ascii').digest('base64url');
}
