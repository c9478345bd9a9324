import { createHash } from 'node:crypto';
import { calculateJwkThumbprint, exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK, type JWTPayload } from 'jose';

/** An RS256 signing key; only the public half is ever published. */
export interface SigningKey {
  privateKey: CryptoKey;
  /** Public JWK with kid (its RFC 7638 thumbprint), alg and use. */
  publicJwk: JWK;
}

/** A fresh key per fake start, so tokens from an earlier run no longer verify. */
export async function createSigningKey(): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { modulusLength: 2048 });
  const jwk = await exportJWK(publicKey);
  const kid = await calculateJwkThumbprint(jwk);
  return { privateKey, publicJwk: { ...jwk, kid, alg: 'RS256', use: 'sig' } };
}

/** The JWKS document. */
export const jwksOf = (key: SigningKey) => ({ keys: [key.publicJwk] });

/** Signs an ID token; `claims` must carry iat and exp already (they come from the fake's clock). */
export function signIdToken(key: SigningKey, claims: JWTPayload): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.publicJwk.kid!, typ: 'JWT' }).sign(key.privateKey);
}

/** OIDC Core §3.1.3.6: the left half of the access token's SHA-256, base64url. */
export function atHash(accessToken: string): string {
  return createHash('sha256').update(accessToken).digest().subarray(0, 16).toString('base64url');
}

/** Seconds since the epoch from a millisecond clock. */
export const epochSeconds = (ms: number) => Math.floor(ms / 1000);
