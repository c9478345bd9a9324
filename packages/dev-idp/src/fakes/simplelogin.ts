import { createHmac } from 'node:crypto';
import type { Context } from 'koa';

import { sendHtml } from '../respond.js';
import { ExpiringStore, randomAlnum, randomUrlSafe } from './codes.js';
import { fakeAccountId, fakeUsers } from './defaults.js';
import { createDialog, type DialogRequest } from './dialog.js';
import {
  authorizationToken,
  basicCredentials,
  checkRedirectUris,
  createFakeApp,
  fakeRouter,
  queryOf,
  readBody,
  secretEquals,
  sendJson,
  serve,
  withParams,
} from './http.js';
import { createSigningKey, epochSeconds, jwksOf, signIdToken } from './oidcKit.js';
import { fakeErrorPage, type Brand } from './signinPage.js';
import type { FakeOptions, FakeServer, FakeUser } from './types.js';
import { avatarPath, serveAvatar, UserDirectory } from './users.js';

const brand: Brand = { name: 'SimpleLogin', verb: 'Sign in with', accent: '#b02a8f' };
const CODE_TTL_MS = 5 * 60 * 1000;
const TOKEN_TTL_S = 3600;
/** The app's name as registered at SimpleLogin; userinfo repeats it as `client`. */
const APP_NAME = 'SSO Dev App';
/** SimpleLogin's avatar links are presigned and expire after about 7 days. */
const AVATAR_URL_EXPIRY_S = 7 * 24 * 3600;

interface AuthRequest extends DialogRequest {
  scope: string;
  nonce: string | undefined;
}
interface Grant {
  clientId: string;
  redirectUri: string;
  userId: string;
  scope: string;
  nonce: string | undefined;
  authTime: number;
}

/** A fake SimpleLogin ("Sign in with SimpleLogin"): OpenID Connect with SimpleLogin's own quirks. */
export async function startFakeSimpleLogin(options: FakeOptions): Promise<FakeServer> {
  const { client } = options;
  checkRedirectUris('fake SimpleLogin', client.redirectUris);
  const now = options.now ?? Date.now;
  const log = options.logger ?? (() => {});
  const users = new UserDirectory(options.users ?? fakeUsers.simplelogin);
  const codes = new ExpiringStore<Grant>(CODE_TTL_MS, now, () => randomUrlSafe(30));
  const tokens = new ExpiringStore<Grant>(TOKEN_TTL_S * 1000, now, () => randomAlnum(30));
  const key = await createSigningKey();

  const listening = await serve('fake SimpleLogin', options.port ?? 0, options.host ?? '127.0.0.1', (issuer) => {
    const dialog = createDialog<AuthRequest, FakeUser>({
      brand,
      client,
      action: '/oauth2/authorize',
      users,
      now,
      log,
      approve: (request, user) => {
        const { clientId, redirectUri, scope, nonce } = request;
        const code = codes.add({ clientId, redirectUri, userId: user.id, scope, nonce, authTime: epochSeconds(now()) });
        // No RFC 9207 `iss` parameter: SimpleLogin does not send one.
        return withParams(request.redirectUri, { code, state: request.state });
      },
      // Not the standard access_denied.
      deny: (request) => withParams(request.redirectUri, { error: 'deny', state: request.state }),
    });

    /** A presigned-looking link that changes daily, like SimpleLogin's S3 links. */
    function avatarUrl(user: FakeUser): string | null {
      if (!user.avatar) return null;
      const date = new Date(now()).toISOString().slice(0, 10).replace(/-/g, '');
      const signature = createHmac('sha256', 'fake-simplelogin-s3').update(`${user.id}:${date}`).digest('hex');
      return `${issuer}${avatarPath(user.id)}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Date=${date}T000000Z&X-Amz-Expires=${AVATAR_URL_EXPIRY_S}&X-Amz-SignedHeaders=host&X-Amz-Signature=${signature}`;
    }

    /** SimpleLogin's user info: the same fields whatever the scope (they follow the app's settings). */
    function userInfo(user: FakeUser) {
      const id = Number(fakeAccountId('simplelogin', user.id));
      return {
        id,
        sub: String(id),
        client: APP_NAME,
        email_verified: true,
        name: user.name ?? '',
        email: user.email,
        avatar_url: avatarUrl(user),
      };
    }

    function discovery(ctx: Context) {
      // Deliberately no code_challenge_methods_supported, end_session_endpoint or
      // authorization_response_iss_parameter_supported: SimpleLogin advertises none of them.
      sendJson(
        ctx,
        200,
        {
          issuer,
          authorization_endpoint: `${issuer}/oauth2/authorize`,
          token_endpoint: `${issuer}/oauth2/token`,
          userinfo_endpoint: `${issuer}/oauth2/userinfo`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          scopes_supported: ['openid', 'email', 'name', 'avatar_url'],
          token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        },
        { 'Cache-Control': 'public, max-age=3600' },
      );
    }

    function authorize(ctx: Context) {
      const query = queryOf(ctx);
      const page = (title: string, message: string) => sendHtml(ctx, 400, fakeErrorPage(brand, title, message));
      const clientId = query.get('client_id');
      if (clientId !== client.clientId) return page('Unknown app', 'client_id is not valid.');
      const redirectUri = query.get('redirect_uri');
      if (!redirectUri) return page('Missing redirect_uri', 'redirect_uri must be set.');
      if (!client.redirectUris.includes(redirectUri)) {
        return page(
          'Unauthorized redirect_uri',
          `${redirectUri} is not an authorized redirect URI of this app. Add it in the app's settings.`,
        );
      }
      const responseType = query.get('response_type') ?? '';
      if (responseType !== 'code')
        return page('Unsupported response_type', `The fake SimpleLogin only implements response_type=code, not "${responseType}".`);
      // PKCE parameters are ignored: SimpleLogin does not implement PKCE.
      const scope = query.get('scope') ?? '';
      dialog.show(ctx, {
        clientId,
        redirectUri,
        state: query.get('state') ?? undefined,
        scopes: scope.split(' ').filter(Boolean),
        scope,
        nonce: query.get('nonce') ?? undefined,
      });
    }

    async function token(ctx: Context) {
      const form = await readBody(ctx);
      const fail = (error: string) => sendJson(ctx, 400, { error });
      // The quirk: Basic credentials are compared as sent, without undoing RFC 6749 §2.3.1's
      // form-encoding, so a client that encodes "-" as "%2D" is refused.
      const basic = basicCredentials(ctx);
      const clientId = basic ? basic.id : form.get('client_id');
      const secret = basic ? basic.secret : form.get('client_secret');
      if (clientId !== client.clientId || !secretEquals(secret ?? '', client.clientSecret)) return fail('wrong client-id or client-secret');
      if (form.get('grant_type') !== 'authorization_code') return fail('grant_type must be authorization_code');
      const code = form.get('code') ?? '';
      const grant = codes.valid(code);
      if (!grant || grant.clientId !== clientId) return fail('code is not valid');
      if (form.get('redirect_uri') !== grant.redirectUri) return fail('redirect_uri mismatch');
      const user = users.get(grant.userId);
      if (!user) return fail('code is not valid');
      codes.markUsed(code);

      const accessToken = tokens.add(grant);
      const info = userInfo(user);
      const body: Record<string, unknown> = {
        access_token: accessToken,
        token_type: 'Bearer',
        expires_in: TOKEN_TTL_S,
        scope: grant.scope,
        user: info,
      };
      if (grant.scope.split(' ').includes('openid')) {
        const iat = epochSeconds(now());
        // SimpleLogin puts the user info into the ID token as well.
        body.id_token = await signIdToken(key, {
          ...info,
          iss: issuer,
          sub: info.sub,
          aud: clientId,
          exp: iat + TOKEN_TTL_S,
          iat,
          auth_time: grant.authTime,
          ...(grant.nonce !== undefined ? { nonce: grant.nonce } : {}),
        });
      }
      log(`issued tokens to ${clientId} for ${user.id}`);
      sendJson(ctx, 200, body);
    }

    function userinfo(ctx: Context) {
      const grant = tokens.valid(authorizationToken(ctx, ['bearer']) ?? '');
      const user = grant && users.get(grant.userId);
      if (!user) return sendJson(ctx, 400, { error: 'Invalid access token' });
      sendJson(ctx, 200, userInfo(user));
    }

    const router = fakeRouter();
    router.get('/.well-known/openid-configuration', discovery);
    router.get('/jwks', (ctx) => sendJson(ctx, 200, jwksOf(key), { 'Cache-Control': 'public, max-age=3600' }));
    router.get('/oauth2/authorize', authorize);
    router.post('/oauth2/authorize', (ctx) => dialog.decide(ctx));
    router.post('/oauth2/token', token);
    router.get('/oauth2/userinfo', userinfo);
    router.post('/oauth2/userinfo', userinfo);
    router.get('/avatars/:id.svg', serveAvatar(users, false));
    return createFakeApp(router, log);
  });

  return { url: listening.url, updateUser: (id, patch) => users.update(id, patch), close: listening.close };
}
