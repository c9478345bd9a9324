import { randomUUID } from 'node:crypto';

import type Router from '@koa/router';

import { sendJson } from './http.js';
import { atHash, epochSeconds, jwksOf, signIdToken, type SigningKey } from './oidcKit.js';
import type { FakeUser } from './types.js';

/**
 * Facebook's OpenID Connect code flow with PKCE ("OIDC Code Flow with PKCE for Manually Built
 * Facebook Login Flows", marked "still in testing"): with `openid` in the scope, the token answer
 * carries an RS256 ID token whose issuer is the dialog's site (https://www.facebook.com, here the
 * fake's URL) and whose keys are at `/.well-known/oauth/openid/jwks/`. Built from Facebook's guide
 * and public integrations, not checked against the live service.
 */
const ID_TOKEN_TTL_SECONDS = 60 * 60;

export interface OidcGrant {
  clientId: string;
  granted: string[];
  nonce: string | undefined;
}

/** The ID token for a grant that asked for `openid`. Email only when granted, as on Graph. */
export function facebookIdToken(
  key: SigningKey,
  issuer: string,
  grant: OidcGrant,
  user: FakeUser,
  sub: string,
  accessToken: string,
  picture: string,
  nowMs: number,
): Promise<string> {
  const iat = epochSeconds(nowMs);
  const [given, ...family] = (user.name ?? '').split(' ');
  return signIdToken(key, {
    iss: issuer,
    aud: grant.clientId,
    sub,
    iat,
    exp: iat + ID_TOKEN_TTL_SECONDS,
    jti: randomUUID(),
    at_hash: atHash(accessToken),
    ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
    ...(user.name ? { name: user.name, given_name: given, family_name: family.join(' ') || undefined } : {}),
    ...(grant.granted.includes('email') && user.email ? { email: user.email } : {}),
    ...(user.avatar ? { picture } : {}),
  });
}

/** The JWKS and the discovery document, which (as at Facebook) names no token or userinfo endpoint. */
export function facebookOidcRoutes(router: Router, key: SigningKey, issuer: string): void {
  router.get('/.well-known/oauth/openid/jwks{/}', (ctx) => sendJson(ctx, 200, jwksOf(key)));
  router.get('/.well-known/openid-configuration{/}', (ctx) =>
    sendJson(ctx, 200, {
      issuer,
      authorization_endpoint: `${issuer}/dialog/oauth/`,
      jwks_uri: `${issuer}/.well-known/oauth/openid/jwks/`,
      response_types_supported: ['id_token', 'token id_token'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      claims_supported: [
        'iss',
        'aud',
        'sub',
        'iat',
        'exp',
        'jti',
        'nonce',
        'at_hash',
        'name',
        'given_name',
        'family_name',
        'email',
        'picture',
      ],
    }),
  );
}
