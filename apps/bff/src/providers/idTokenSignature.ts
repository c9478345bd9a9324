import { KeyObject, verify, webcrypto } from 'node:crypto';
import {
  createRemoteJWKSet,
  customFetch,
  decodeProtectedHeader,
  errors,
  type CompactJWSHeaderParameters,
  type JWSHeaderParameters,
  type JWTVerifyGetKey,
} from 'jose';
import { AppError, ErrorCode } from '../errors.js';
import { appErrorIn } from './errors.js';

/** One base64url segment of a compact JWS, strictly (Buffer's decoder skips stray characters). */
const SEGMENT = /^[A-Za-z0-9_-]+$/;
/** RFC 7518 §3.3: an RS256 key is at least 2048 bits (jose's own floor too). */
const MIN_RSA_BITS = 2048;

/**
 * Checks an ID token's RS256 signature against the issuer's published keys (OpenID Connect Core
 * §3.1.3.7 (6) and (7): the algorithm is pinned, never taken from the token). openid-client checks
 * every claim; this checks the signature, which it would otherwise check with WebCrypto.
 *
 * jose finds the key: the JWKS fetched through the provider's fetch (its time and size limits),
 * kept ten minutes, the key picked by kid, type and use, and an unknown kid refetched at most once
 * every 30 s, so a token naming a made-up kid cannot make us hammer the provider. The signature is
 * then verified with node:crypto, synchronously: WebCrypto's verify hands each token to the
 * thread pool and back, and measured about five times the CPU of the same RSA check done inline.
 */
export class IdTokenSignature {
  private readonly keys: JWTVerifyGetKey;
  /** jose imports each published key once, as a CryptoKey; its KeyObject is made once too. */
  private readonly keyObjects = new WeakMap<object, KeyObject>();

  constructor(
    private readonly providerId: string,
    jwksUri: URL,
    fetch: (url: string, init: RequestInit) => Promise<Response>,
    timeoutMs: number,
  ) {
    this.keys = createRemoteJWKSet(jwksUri, {
      timeoutDuration: timeoutMs,
      [customFetch]: async (url, init) => {
        const response = await fetch(url, init);
        // jose calls any answer but 200 an invalid key set; a 5xx is a provider that is down.
        if (response.status >= 500) {
          throw new AppError(ErrorCode.ProviderUnavailable, { detail: `${providerId} keys: HTTP ${response.status}` });
        }
        return response;
      },
    });
  }

  /**
   * Resolves when `jws` is signed with RS256 by one of the issuer's keys; refuses otherwise
   * (invalid_provider_response; provider_unavailable when the keys cannot be had). `step` names
   * where the token came from, for messages.
   */
  async verify(jws: string, step: string): Promise<void> {
    const invalid = (detail: string, cause?: unknown) =>
      new AppError(ErrorCode.InvalidResponse, { detail: `${this.providerId} ${step}: ID token ${detail}`, cause });
    const parts = jws.split('.');
    if (parts.length !== 3 || !parts.every((part) => SEGMENT.test(part))) throw invalid('is not a compact JWS');
    let header: JWSHeaderParameters;
    try {
      header = decodeProtectedHeader(jws);
    } catch (cause) {
      throw invalid('header is unreadable', cause);
    }
    if (header.alg !== 'RS256') throw invalid(`alg ${String(header.alg).slice(0, 20)} is not RS256`);
    // RFC 7515 §4.1.11: a critical extension we do not understand makes the JWS invalid.
    if (header.crit !== undefined) throw invalid('names critical header extensions');
    const key = asKeyObject(await this.key({ ...header, alg: 'RS256' }, parts, invalid), this.keyObjects);
    if (!key) throw invalid('key is not an asymmetric key');
    if (key.asymmetricKeyType !== 'rsa' || (key.asymmetricKeyDetails?.modulusLength ?? 0) < MIN_RSA_BITS) {
      throw invalid('key is not an RSA key of 2048 bits or more');
    }
    const signed = Buffer.from(`${parts[0]}.${parts[1]}`, 'latin1');
    if (!verify('sha256', signed, key, Buffer.from(parts[2]!, 'base64url'))) throw invalid('signature is invalid');
  }

  private async key(
    header: CompactJWSHeaderParameters,
    parts: string[],
    invalid: (detail: string, cause: unknown) => AppError,
  ): Promise<unknown> {
    try {
      return await this.keys(header, { payload: parts[1]!, signature: parts[2]! });
    } catch (err) {
      // The keys could not be had (unreachable, too large, redirected): providerFetch's own answer.
      const ours = appErrorIn(err);
      if (ours) throw ours;
      if (err instanceof errors.JWKSTimeout) {
        throw new AppError(ErrorCode.ProviderUnavailable, { detail: `${this.providerId} keys: too slow`, cause: err });
      }
      if (err instanceof errors.JOSEError) throw invalid(`key not found (${err.code})`, err);
      throw invalid('key not found', err);
    }
  }
}

/** The KeyObject node:crypto verifies with, made once per key jose hands out (a CryptoKey). */
function asKeyObject(key: unknown, made: WeakMap<object, KeyObject>): KeyObject | undefined {
  if (key instanceof KeyObject) return key;
  if (typeof key !== 'object' || key === null) return undefined;
  let object = made.get(key);
  if (!object) {
    try {
      object = KeyObject.from(key as webcrypto.CryptoKey);
    } catch {
      return undefined; // not a CryptoKey (a JWK or raw bytes: never a published public key)
    }
    made.set(key, object);
  }
  return object;
}
