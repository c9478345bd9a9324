import { createRemoteJWKSet, customFetch, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { AppError, ErrorCode } from '../errors.js';
import { appErrorIn } from './errors.js';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** The `typ` headers a logout token may carry (compared case-insensitively); none at all is fine too. */
const ACCEPTED_TYPES = new Set(['jwt', 'logout+jwt', 'application/logout+jwt']);
/** How far a logout token's iat may be from now. */
const MAX_AGE_SECONDS = 5 * 60;

/**
 * Records `key` as used until `expiresAt`; true only for the first claim. The store's shares the
 * record between every BFF instance on the database, so a token accepted by one is a replay on all.
 */
export type ClaimOnce = (key: string, expiresAt: number) => Promise<boolean>;

/** A claim record in this process only (unit tests; the app passes the store's). */
export function inMemoryClaims(now: () => number = Date.now): ClaimOnce {
  const seen = new Map<string, number>();
  // eslint-disable-next-line @typescript-eslint/require-await -- the store's claim is asynchronous; this one has the same contract
  return async (key, expiresAt) => {
    for (const [k, until] of seen) if (until <= now()) seen.delete(k);
    if (seen.has(key)) return false;
    seen.set(key, expiresAt);
    return true;
  };
}

/**
 * Verifies a logout token per OpenID Connect Back-Channel Logout 1.0 §2.6: signature (RS256, the
 * provider's keys), iss, aud, iat, the back-channel event, sub and/or sid, no nonce, and a jti
 * not seen before (replays within the token's lifetime are refused).
 */
export class LogoutTokenVerifier {
  private jwks: JWTVerifyGetKey | undefined;
  private readonly claimOnce: ClaimOnce;

  constructor(
    private readonly options: {
      issuer: string;
      clientId: string;
      jwksUri: string;
      now?: () => number;
      claimOnce?: ClaimOnce;
      /** How the keys are fetched: the provider's {@link providerFetch} (size cap, timeout, no redirects). */
      fetch?: (url: string, init: RequestInit) => Promise<Response>;
    },
  ) {
    this.claimOnce = options.claimOnce ?? inMemoryClaims(options.now);
  }

  private invalid(detail: string): AppError {
    return new AppError(ErrorCode.BadRequest, { detail: `logout token: ${detail}` });
  }

  async verify(token: string): Promise<{ subject?: string; sid?: string }> {
    this.jwks ??= createRemoteJWKSet(new URL(this.options.jwksUri), this.options.fetch ? { [customFetch]: this.options.fetch } : {});
    let payload: Record<string, unknown>;
    let typ: string | undefined;
    try {
      const result = await jwtVerify(token, this.jwks, {
        issuer: this.options.issuer,
        audience: this.options.clientId,
        algorithms: ['RS256'],
        requiredClaims: ['iat', 'jti'],
        maxTokenAge: `${MAX_AGE_SECONDS}s`,
        clockTolerance: 30,
      });
      payload = result.payload;
      typ = result.protectedHeader.typ;
    } catch (err) {
      // The keys could not be had (too large, redirected, unreachable): say so, not "invalid token".
      const keys = appErrorIn(err);
      const why = keys ? `keys refused: ${keys.detail ?? keys.code}` : ((err as { code?: string }).code ?? 'invalid');
      throw new AppError(ErrorCode.BadRequest, { detail: `logout token rejected (${why})`, cause: err });
    }
    // §2.4 only recommends explicit typing; Keycloak and others send the generic `JWT`. Any other
    // type (at+jwt, an ID token's…) is a different kind of token and is refused.
    if (typ !== undefined && !ACCEPTED_TYPES.has(typ.toLowerCase())) throw this.invalid(`typ ${typ}`);
    const events = payload.events as Record<string, unknown> | undefined;
    if (!events || typeof events[BACKCHANNEL_EVENT] !== 'object' || events[BACKCHANNEL_EVENT] === null)
      throw this.invalid('no back-channel logout event');
    if ('nonce' in payload) throw this.invalid('has a nonce');
    const subject = typeof payload.sub === 'string' ? payload.sub : undefined;
    const sid = typeof payload.sid === 'string' ? payload.sid : undefined;
    if (!subject && !sid) throw this.invalid('neither sub nor sid');

    const now = (this.options.now ?? Date.now)();
    // Remembered for longer than a token stays acceptable (iat window both ways), then forgotten.
    const key = `logout-jti:${this.options.issuer}:${String(payload.jti)}`;
    if (!(await this.claimOnce(key, now + 2 * MAX_AGE_SECONDS * 1000))) throw this.invalid('replayed jti');
    return { ...(subject ? { subject } : {}), ...(sid ? { sid } : {}) };
  }
}
