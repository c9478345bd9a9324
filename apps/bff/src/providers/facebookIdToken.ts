import { createRemoteJWKSet, customFetch, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { AppError, ErrorCode } from '../errors.js';
import { appErrorIn } from './errors.js';

/** Where Facebook publishes the keys of its ID tokens, on the dialog's site (www.facebook.com). */
export const FACEBOOK_JWKS_PATH = '/.well-known/oauth/openid/jwks/';

/**
 * Verifies the ID token of Facebook's OpenID Connect code flow as OpenID Connect Core §3.1.3.7
 * says: RS256 signature by Facebook's published keys, issuer (https://www.facebook.com: the
 * dialog's origin), audience (our app id), expiry, and the nonce of this login. Facebook publishes
 * no discovery document with a token endpoint, so nothing here is discovered.
 */
export class FacebookIdTokenVerifier {
  private jwks: JWTVerifyGetKey | undefined;

  constructor(
    private readonly options: {
      issuer: string;
      clientId: string;
      jwksUrl: URL;
      /** The provider's fetch (size cap, timeout, no redirects). */
      fetch: (url: string, init: RequestInit) => Promise<Response>;
      now: () => number;
    },
  ) {}

  /**
   * The keys' fetch: Facebook answering 5xx for its keys is Facebook being down (503 with
   * Retry-After to the browser), not a bad token, which is what jose would make of it.
   */
  private readonly keysFetch = async (url: string, init: RequestInit): Promise<Response> => {
    const response = await this.options.fetch(url, init);
    if (response.status >= 500) throw new AppError(ErrorCode.ProviderUnavailable, { detail: `facebook keys: HTTP ${response.status}` });
    return response;
  };

  async verify(idToken: string, expectedNonce: string): Promise<JWTPayload & { sub: string }> {
    this.jwks ??= createRemoteJWKSet(this.options.jwksUrl, { [customFetch]: this.keysFetch });
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, this.jwks, {
        issuer: this.options.issuer,
        audience: this.options.clientId,
        // §3.1.3.7 (7): the algorithm is pinned, never taken from the token.
        algorithms: ['RS256'],
        requiredClaims: ['sub', 'iat', 'exp', 'nonce'],
        clockTolerance: 30,
        currentDate: new Date(this.options.now()),
      }));
    } catch (err) {
      // The keys could not be had (unreachable, too large, redirected): that code, not "invalid".
      const keys = appErrorIn(err);
      if (keys) throw keys;
      throw new AppError(ErrorCode.InvalidResponse, {
        detail: `facebook id_token rejected (${(err as { code?: string }).code ?? 'invalid'})`,
        cause: err,
      });
    }
    // §3.1.3.7 (11): the nonce ties the token to this login; a token from another login is refused.
    if (payload.nonce !== expectedNonce) throw new AppError(ErrorCode.InvalidResponse, { detail: 'facebook id_token: nonce differs' });
    if (typeof payload.sub !== 'string' || !/^\d+$/.test(payload.sub))
      throw new AppError(ErrorCode.InvalidResponse, { detail: 'facebook id_token: sub is not an app-scoped id' });
    return payload as JWTPayload & { sub: string };
  }
}
