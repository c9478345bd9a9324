import type { Context } from 'koa';

import { sendHtml } from '../respond.js';
import { ExpiringStore, randomUrlSafe } from './codes.js';
import { fakeAccountId, fakeUsers } from './defaults.js';
import { createDialog, type DialogRequest } from './dialog.js';
import {
  authorizationToken,
  basicCredentials,
  checkRedirectUris,
  createFakeApp,
  fakeRouter,
  formDecode,
  queryOf,
  readBody,
  secretEquals,
  sendJson,
  serve,
  withParams,
} from './http.js';
import { atHash, createSigningKey, epochSeconds, jwksOf, signIdToken } from './oidcKit.js';
import { verifierMatches, type PkceChallenge } from './pkce.js';
import { fakeErrorPage, type Brand } from './signinPage.js';
import type { FakeOptions, FakeServer, FakeUser } from './types.js';
import { avatarPath, serveAvatar, UserDirectory } from './users.js';

const brand: Brand = { name: 'Google', verb: 'Sign in with', accent: '#1a73e8' };
const CODE_TTL_MS = 5 * 60 * 1000;
const ACCESS_TOKEN_TTL_S = 3599;
const ID_TOKEN_TTL_S = 3600;

type Scope = 'openid' | 'email' | 'profile';
/** Google accepts the short names and the userinfo URLs, and answers with the URLs. */
const SCOPE_URLS: Record<Scope, string> = {
  openid: 'openid',
  email: 'https://www.googleapis.com/auth/userinfo.email',
  profile: 'https://www.googleapis.com/auth/userinfo.profile',
};
const scopeOf = (requested: string): Scope | undefined =>
  (Object.keys(SCOPE_URLS) as Scope[]).find((scope) => scope === requested || SCOPE_URLS[scope] === requested);
const grantedScopeString = (scopes: readonly Scope[]) => scopes.map((scope) => SCOPE_URLS[scope]).join(' ');

interface AuthRequest extends DialogRequest {
  granted: Scope[];
  nonce: string | undefined;
  pkce: PkceChallenge | undefined;
  offline: boolean;
}
interface Grant {
  clientId: string;
  userId: string;
  granted: Scope[];
}
interface CodeGrant extends Grant {
  redirectUri: string;
  nonce: string | undefined;
  pkce: PkceChallenge | undefined;
  offline: boolean;
}

/** Google's name split (given_name / family_name). */
function nameParts(name: string | null): { given_name?: string; family_name?: string } {
  if (!name) return {};
  const [given, ...family] = name.split(' ');
  return { given_name: given!, ...(family.length ? { family_name: family.join(' ') } : {}) };
}

/** A fake Google Sign-In: OpenID Connect like accounts.google.com, on one server. */
export async function startFakeGoogle(options: FakeOptions): Promise<FakeServer> {
  const { client } = options;
  checkRedirectUris('fake Google', client.redirectUris);
  const now = options.now ?? Date.now;
  const log = options.logger ?? (() => {});
  const users = new UserDirectory(options.users ?? fakeUsers.google);
  const codes = new ExpiringStore<CodeGrant>(CODE_TTL_MS, now, () => `4/0A${randomUrlSafe(60)}`);
  const accessTokens = new ExpiringStore<Grant>(ACCESS_TOKEN_TTL_S * 1000, now, () => `ya29.a0${randomUrlSafe(120)}`);
  const refreshTokens = new ExpiringStore<Grant>(Infinity, now, () => `1//0${randomUrlSafe(70)}`);
  const key = await createSigningKey();

  const listening = await serve('fake Google', options.port ?? 0, options.host ?? '127.0.0.1', (issuer) => {
    const dialog = createDialog<AuthRequest, FakeUser>({
      brand,
      client,
      action: '/signin/oauth/consent',
      users,
      now,
      log,
      approve: (request, user) => {
        const { clientId, redirectUri, granted, nonce, pkce, offline } = request;
        const code = codes.add({ clientId, redirectUri, userId: user.id, granted, nonce, pkce, offline });
        // Google puts state first and adds scope, authuser and prompt; the code contains a "/".
        return withParams(redirectUri, {
          state: request.state,
          code,
          scope: grantedScopeString(granted),
          authuser: '0',
          prompt: 'consent',
        });
      },
      deny: (request) => withParams(request.redirectUri, { error: 'access_denied', state: request.state }),
    });

    /** The claims the granted scopes allow, in Google's order. */
    function profileClaims(user: FakeUser, granted: readonly Scope[]) {
      return {
        ...(granted.includes('profile') && user.name ? { name: user.name } : {}),
        ...(granted.includes('profile') ? nameParts(user.name) : {}),
        ...(granted.includes('profile') && user.avatar ? { picture: `${issuer}${avatarPath(user.id)}` } : {}),
        ...(granted.includes('email') && user.email ? { email: user.email, email_verified: user.emailVerified } : {}),
      };
    }

    function discovery(ctx: Context) {
      // Like Google's document; no end_session_endpoint (Google has no RP-initiated logout).
      sendJson(
        ctx,
        200,
        {
          issuer,
          authorization_endpoint: `${issuer}/o/oauth2/v2/auth`,
          token_endpoint: `${issuer}/token`,
          userinfo_endpoint: `${issuer}/v1/userinfo`,
          jwks_uri: `${issuer}/oauth2/v3/certs`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'email', 'profile'],
          token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
          claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub'],
          code_challenge_methods_supported: ['plain', 'S256'],
          grant_types_supported: ['authorization_code', 'refresh_token'],
        },
        { 'Cache-Control': 'public, max-age=3600' },
      );
    }

    function authorize(ctx: Context) {
      const query = queryOf(ctx);
      const page = (status: number, error: string, message: string) =>
        sendHtml(ctx, status, fakeErrorPage(brand, `Error ${status}: ${error}`, message));
      const clientId = query.get('client_id');
      if (!clientId) return page(400, 'invalid_request', 'Missing required parameter: client_id');
      if (clientId !== client.clientId) return page(401, 'invalid_client', 'The OAuth client was not found.');
      const redirectUri = query.get('redirect_uri');
      if (!redirectUri) return page(400, 'invalid_request', 'Missing required parameter: redirect_uri');
      if (!client.redirectUris.includes(redirectUri)) {
        return page(
          400,
          'redirect_uri_mismatch',
          "You can't sign in to this app because it doesn't comply with Google's OAuth 2.0 policy. The redirect_uri is not registered for this client.",
        );
      }
      const responseType = query.get('response_type');
      if (!responseType) return page(400, 'invalid_request', 'Missing required parameter: response_type');
      if (responseType !== 'code')
        return page(400, 'unsupported_response_type', `The fake Google only implements response_type=code, not "${responseType}".`);
      const requested = (query.get('scope') ?? '').split(' ').filter(Boolean);
      if (requested.length === 0) return page(400, 'invalid_request', 'Missing required parameter: scope');
      const granted = [...new Set(requested.map(scopeOf))];
      if (granted.includes(undefined)) return page(400, 'invalid_scope', 'Some requested scopes were invalid.');
      let pkce: PkceChallenge | undefined;
      const challenge = query.get('code_challenge');
      if (challenge !== null) {
        // RFC 7636 §4.3: plain when the method is left out.
        const method = query.get('code_challenge_method') ?? 'plain';
        if (method !== 'S256' && method !== 'plain') return page(400, 'invalid_request', 'Invalid code_challenge_method value.');
        pkce = { challenge, method };
      }
      const accessType = query.get('access_type') ?? 'online';
      if (accessType !== 'online' && accessType !== 'offline') return page(400, 'invalid_request', `Invalid access_type: ${accessType}`);
      dialog.show(ctx, {
        clientId,
        redirectUri,
        state: query.get('state') ?? undefined,
        scopes: requested,
        granted: granted as Scope[],
        nonce: query.get('nonce') ?? undefined,
        pkce,
        offline: accessType === 'offline',
      });
    }

    async function idToken(grant: Grant, user: FakeUser, accessToken: string, nonce: string | undefined): Promise<string> {
      const iat = epochSeconds(now());
      return signIdToken(key, {
        iss: issuer,
        azp: grant.clientId,
        aud: grant.clientId,
        sub: fakeAccountId('google', user.id),
        ...profileClaims(user, grant.granted),
        at_hash: atHash(accessToken),
        ...(nonce !== undefined ? { nonce } : {}),
        iat,
        exp: iat + ID_TOKEN_TTL_S,
      });
    }

    async function token(ctx: Context) {
      const form = await readBody(ctx);
      const fail = (status: number, error: string, description: string) => sendJson(ctx, status, { error, error_description: description });
      const basic = basicCredentials(ctx);
      const clientId = basic ? formDecode(basic.id) : form.get('client_id');
      const secret = basic ? formDecode(basic.secret) : form.get('client_secret');
      if (!clientId) return fail(400, 'invalid_request', 'Could not determine client ID from request.');
      if (clientId !== client.clientId) return fail(401, 'invalid_client', 'The OAuth client was not found.');
      if (!secretEquals(secret ?? '', client.clientSecret)) return fail(401, 'invalid_client', 'Unauthorized');

      let grant: Grant;
      let nonce: string | undefined;
      let refreshToken: string | undefined;
      const grantType = form.get('grant_type');
      if (grantType === 'authorization_code') {
        const code = form.get('code') ?? '';
        const found = codes.valid(code);
        if (!found || found.clientId !== clientId) return fail(400, 'invalid_grant', 'Bad Request');
        const redirectUri = form.get('redirect_uri');
        if (!redirectUri) return fail(400, 'invalid_request', 'Missing required parameter: redirect_uri');
        if (redirectUri !== found.redirectUri) return fail(400, 'redirect_uri_mismatch', 'Bad Request');
        if (found.pkce) {
          const verifier = form.get('code_verifier');
          if (!verifier) return fail(400, 'invalid_grant', 'Missing code verifier.');
          if (!verifierMatches(found.pkce, verifier)) return fail(400, 'invalid_grant', 'Bad Request');
        }
        codes.markUsed(code);
        grant = { clientId, userId: found.userId, granted: found.granted };
        nonce = found.nonce;
        // Only access_type=offline gets a refresh token.
        if (found.offline) refreshToken = refreshTokens.add(grant);
      } else if (grantType === 'refresh_token') {
        const found = refreshTokens.valid(form.get('refresh_token') ?? '');
        if (!found || found.clientId !== clientId) return fail(400, 'invalid_grant', 'Token has been expired or revoked.');
        grant = found;
      } else {
        return fail(400, 'unsupported_grant_type', `Invalid grant_type: ${grantType ?? ''}`);
      }

      const user = users.get(grant.userId);
      if (!user) return fail(400, 'invalid_grant', 'Bad Request');
      const accessToken = accessTokens.add(grant);
      log(`issued tokens to ${clientId} for ${user.id} (${grantType})`);
      sendJson(
        ctx,
        200,
        {
          access_token: accessToken,
          expires_in: ACCESS_TOKEN_TTL_S,
          ...(refreshToken ? { refresh_token: refreshToken } : {}),
          scope: grantedScopeString(grant.granted),
          token_type: 'Bearer',
          ...(grant.granted.includes('openid') ? { id_token: await idToken(grant, user, accessToken, nonce) } : {}),
        },
        { Pragma: 'no-cache' },
      );
    }

    function userinfo(ctx: Context) {
      const presented = authorizationToken(ctx, ['bearer']) ?? queryOf(ctx).get('access_token') ?? '';
      const grant = accessTokens.valid(presented);
      const user = grant && users.get(grant.userId);
      if (!grant || !user) {
        return sendJson(
          ctx,
          401,
          { error: 'invalid_request', error_description: 'Invalid Credentials' },
          {
            'WWW-Authenticate': 'Bearer realm="https://accounts.google.com/", error="invalid_token"',
          },
        );
      }
      sendJson(ctx, 200, { sub: fakeAccountId('google', user.id), ...profileClaims(user, grant.granted) });
    }

    const router = fakeRouter();
    router.get('/.well-known/openid-configuration', discovery);
    router.get('/oauth2/v3/certs', (ctx) => sendJson(ctx, 200, jwksOf(key), { 'Cache-Control': 'public, max-age=3600' }));
    router.get('/o/oauth2/v2/auth', authorize);
    router.post('/signin/oauth/consent', (ctx) => dialog.decide(ctx));
    router.post('/token', token);
    router.get('/v1/userinfo', userinfo);
    router.post('/v1/userinfo', userinfo);
    router.get('/avatars/:id.svg', serveAvatar(users, false));
    return createFakeApp(router, log);
  });

  return { url: listening.url, updateUser: (id, patch) => users.update(id, patch), close: listening.close };
}
