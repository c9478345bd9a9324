import { createHmac } from 'node:crypto';
import type { Context } from 'koa';

import { sendHtml, sendText } from '../respond.js';
import { ExpiringStore, randomAlnum, randomUrlSafe } from './codes.js';
import { fakeAccountId, fakeUsers } from './defaults.js';
import { createDialog, type DialogRequest } from './dialog.js';
import { facebookIdToken, facebookOidcRoutes } from './facebookOidc.js';
import { parseFields, type GraphField } from './graphFields.js';
import {
  authorizationToken,
  checkRedirectUris,
  createFakeApp,
  fakeRouter,
  queryOf,
  readParams,
  secretEquals,
  sendJson,
  serve,
  withParams,
} from './http.js';
import { createSigningKey } from './oidcKit.js';
import { verifierMatches, type PkceChallenge } from './pkce.js';
import { fakeErrorPage, type Brand } from './signinPage.js';
import type { FakeOptions, FakeServer, FakeUser } from './types.js';
import { avatarPath, serveAvatar, UserDirectory } from './users.js';

export interface FakeFacebookOptions extends FakeOptions {
  /** The app's "Require App Secret" setting; default true. */
  requireAppSecretProof?: boolean;
  /** Answer the token request like Graph API before v2.3 (text/plain `access_token=…&expires=…`); default false. */
  legacyTokenFormat?: boolean;
}

const brand: Brand = { name: 'Facebook', verb: 'Log in with', accent: '#1877f2' };
/** Graph's version prefix (`/v19.0`), optional in every Graph and dialog path. */
const GRAPH_VERSION = /^v\d+\.\d+$/;
const CODE_TTL_MS = 10 * 60 * 1000;
/** What Facebook answers for a long-lived user token (about 60 days). */
const TOKEN_EXPIRES_IN = 5183944;
// `openid` asks for the OpenID Connect code flow (an ID token next to the access token).
const KNOWN_SCOPES = new Set(['public_profile', 'email', 'openid']);

interface DialogState extends DialogRequest {
  granted: string[];
  pkce: PkceChallenge | undefined;
  nonce: string | undefined;
}
interface Grant {
  clientId: string;
  redirectUri: string;
  userId: string;
  granted: string[];
  pkce: PkceChallenge | undefined;
  nonce: string | undefined;
}

interface GraphError {
  message: string;
  type?: string;
  code: number;
  error_subcode?: number;
}

/** Graph API errors: HTTP 400 with `{"error":{message,type,code,error_subcode?,fbtrace_id}}`. */
function graphError(ctx: Context, error: GraphError): void {
  const type = error.type ?? 'OAuthException';
  const body = {
    error: {
      message: error.message,
      type,
      code: error.code,
      ...(error.error_subcode ? { error_subcode: error.error_subcode } : {}),
      fbtrace_id: randomAlnum(11),
    },
  };
  sendJson(
    ctx,
    400,
    body,
    type === 'OAuthException' ? { 'WWW-Authenticate': `OAuth "Facebook Platform" "invalid_request" "${error.message}"` } : {},
  );
}

const ERR = {
  missingClientId: { message: 'Missing client_id parameter.', code: 101 },
  badApp: { message: 'Error validating application. Invalid application ID.', code: 101 },
  badSecret: { message: 'Error validating client secret.', code: 1 },
  badCode: { message: 'Invalid verification code format.', code: 100 },
  usedCode: { message: 'This authorization code has been used.', code: 100, error_subcode: 36009 },
  expiredCode: { message: 'This authorization code has expired.', code: 100, error_subcode: 36007 },
  redirectMismatch: {
    message:
      'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
    code: 100,
    error_subcode: 36008,
  },
  noToken: { message: 'An active access token must be used to query information about the current user.', code: 2500 },
  badToken: { message: 'Invalid OAuth access token - Cannot parse access token', code: 190 },
  proofMissing: { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100 },
  proofWrong: { message: 'Invalid appsecret_proof provided in the API argument', code: 100 },
  // Facebook's exact wording for a wrong PKCE verifier is not documented; the shape is Graph's.
  badVerifier: { message: 'Invalid code verifier.', code: 100 },
} satisfies Record<string, GraphError>;

/** A fake Facebook Login: the www.facebook.com dialog and the graph.facebook.com token and /me endpoints on one server. */
export async function startFakeFacebook(options: FakeFacebookOptions): Promise<FakeServer> {
  const { client } = options;
  checkRedirectUris('fake Facebook', client.redirectUris);
  const now = options.now ?? Date.now;
  const log = options.logger ?? (() => {});
  const requireProof = options.requireAppSecretProof ?? true;
  const users = new UserDirectory(options.users ?? fakeUsers.facebook);
  const codes = new ExpiringStore<Grant>(CODE_TTL_MS, now, () => `AQ${randomUrlSafe(96)}`);
  const tokens = new ExpiringStore<Grant>(TOKEN_EXPIRES_IN * 1000, now, () => `EAA${randomAlnum(180)}`);
  // Fresh keys per start: ID tokens of an earlier run no longer verify.
  const key = await createSigningKey();

  const listening = await serve('fake Facebook', options.port ?? 0, options.host ?? '127.0.0.1', (url) => {
    const dialog = createDialog<DialogState, FakeUser>({
      brand,
      client,
      action: '/dialog/oauth/confirm',
      users,
      now,
      log,
      approve: (request, user) => {
        const code = codes.add({
          clientId: request.clientId,
          redirectUri: request.redirectUri,
          userId: user.id,
          granted: request.granted,
          pkce: request.pkce,
          nonce: request.nonce,
        });
        // Facebook appends an empty fragment to every redirect back.
        return withParams(request.redirectUri, { code, state: request.state }, '#_=_');
      },
      deny: (request) =>
        withParams(
          request.redirectUri,
          {
            error: 'access_denied',
            error_code: '200',
            error_description: 'Permissions error',
            error_reason: 'user_denied',
            state: request.state,
          },
          '#_=_',
        ),
    });

    const page = (ctx: Context, title: string, message: string) => sendHtml(ctx, 400, fakeErrorPage(brand, title, message));

    function showDialog(ctx: Context) {
      const query = queryOf(ctx);
      const clientId = query.get('client_id');
      if (clientId !== client.clientId) return page(ctx, 'Invalid App ID', 'The provided app ID does not look like a valid app ID.');
      const redirectUri = query.get('redirect_uri');
      if (!redirectUri || !client.redirectUris.includes(redirectUri)) {
        return page(
          ctx,
          'URL blocked',
          "This redirect failed because the redirect URI is not whitelisted in the app's Client OAuth Settings. Make sure Client and Web OAuth Login are on and add all your app domains as Valid OAuth Redirect URIs.",
        );
      }
      const responseType = query.get('response_type') ?? 'code';
      if (responseType !== 'code')
        return page(ctx, 'Unsupported response_type', `The fake Facebook only implements response_type=code, not "${responseType}".`);
      const requested = (query.get('scope') ?? '').split(/[\s,]+/).filter(Boolean);
      const invalid = requested.filter((scope) => !KNOWN_SCOPES.has(scope));
      if (invalid.length) {
        return page(
          ctx,
          'Invalid Scopes',
          `Invalid Scopes: ${invalid.join(', ')}. This message is only shown to developers. Please read the documentation for valid permissions at: https://developers.facebook.com/docs/facebook-login/permissions`,
        );
      }
      const granted = [...new Set(['public_profile', ...requested])];
      // RFC 7636 §4.3: without a method the challenge is plain; Facebook's guide names S256 and plain.
      let pkce: PkceChallenge | undefined;
      const challenge = query.get('code_challenge');
      if (challenge) {
        const method = query.get('code_challenge_method') ?? 'plain';
        if (method !== 'S256' && method !== 'plain')
          return page(ctx, 'Invalid code_challenge_method', `Unsupported code_challenge_method "${method}".`);
        pkce = { challenge, method };
      }
      dialog.show(ctx, {
        clientId,
        redirectUri,
        state: query.get('state') ?? undefined,
        scopes: granted,
        granted,
        pkce,
        nonce: query.get('nonce') ?? undefined,
      });
    }

    async function exchangeCode(ctx: Context) {
      const params = await readParams(ctx);
      const clientId = params.get('client_id');
      if (!clientId) return graphError(ctx, ERR.missingClientId);
      if (clientId !== client.clientId) return graphError(ctx, ERR.badApp);
      if (!secretEquals(params.get('client_secret') ?? '', client.clientSecret)) return graphError(ctx, ERR.badSecret);
      const code = params.get('code') ?? '';
      const found = codes.lookup(code);
      if (found.status === 'unknown' || found.value.clientId !== clientId) return graphError(ctx, ERR.badCode);
      if (found.status === 'used') return graphError(ctx, ERR.usedCode);
      if (found.status === 'expired') return graphError(ctx, ERR.expiredCode);
      if (params.get('redirect_uri') !== found.value.redirectUri) return graphError(ctx, ERR.redirectMismatch);
      // A code bound to a PKCE challenge is redeemed only with its verifier: a stolen code is worthless.
      if (found.value.pkce && !verifierMatches(found.value.pkce, params.get('code_verifier'))) return graphError(ctx, ERR.badVerifier);
      codes.markUsed(code);
      const accessToken = tokens.add(found.value);
      log(`issued an access token to ${clientId} for ${found.value.userId}`);
      if (options.legacyTokenFormat) {
        return sendText(ctx, 200, new URLSearchParams({ access_token: accessToken, expires: String(TOKEN_EXPIRES_IN) }).toString(), {
          'Cache-Control': 'no-store',
        });
      }
      const answer: Record<string, unknown> = { access_token: accessToken, token_type: 'bearer', expires_in: TOKEN_EXPIRES_IN };
      const user = users.get(found.value.userId);
      if (found.value.granted.includes('openid') && user) {
        answer.id_token = await facebookIdToken(
          key,
          url,
          found.value,
          user,
          fakeAccountId('facebook', user.id),
          accessToken,
          `${url}${avatarPath(user.id)}`,
          now(),
        );
      }
      sendJson(ctx, 200, answer);
    }

    function me(ctx: Context) {
      const query = queryOf(ctx);
      const accessToken = query.get('access_token') ?? authorizationToken(ctx, ['bearer', 'oauth']);
      if (!accessToken) return graphError(ctx, ERR.noToken);
      const found = tokens.lookup(accessToken);
      if (found.status === 'expired') {
        return graphError(ctx, {
          message: `Error validating access token: Session has expired on ${new Date(now()).toUTCString()}.`,
          code: 190,
          error_subcode: 463,
        });
      }
      if (found.status !== 'valid') return graphError(ctx, ERR.badToken);
      // appsecret_proof = hex HMAC-SHA256(key = app secret, message = access token); checked whenever sent.
      const proof = query.get('appsecret_proof');
      const expected = createHmac('sha256', client.clientSecret).update(accessToken).digest('hex');
      if (proof !== null && !secretEquals(proof.toLowerCase(), expected)) return graphError(ctx, ERR.proofWrong);
      if (proof === null && requireProof) return graphError(ctx, ERR.proofMissing);

      const fields = parseFields(query.get('fields') ?? 'id,name');
      if (!fields) return graphError(ctx, { message: 'Syntax error in the fields parameter', code: 2500 });
      const user = users.get(found.value.userId);
      if (!user) return graphError(ctx, ERR.badToken);
      const body: Record<string, unknown> = {};
      for (const field of fields) {
        const value = fieldValue(field, user, found.value.granted, url);
        if (value === NO_SUCH_FIELD) {
          return graphError(ctx, { message: `(#100) Tried accessing nonexisting field (${field.name}) on node type (User)`, code: 100 });
        }
        if (value !== undefined) body[field.name] = value;
      }
      // Graph always names the node it answers for.
      body.id = fakeAccountId('facebook', user.id);
      sendJson(ctx, 200, body);
    }

    const router = fakeRouter();
    // Any other first segment is not a Graph version: 404, as Graph answers.
    router.param('version', (version, _ctx, next) => (version === undefined || GRAPH_VERSION.test(version) ? next() : undefined));
    router.get('{/:version}/dialog/oauth{/}', showDialog);
    router.post('/dialog/oauth/confirm', (ctx) => dialog.decide(ctx));
    router.get('{/:version}/oauth/access_token{/}', exchangeCode);
    router.post('{/:version}/oauth/access_token{/}', exchangeCode);
    router.get('{/:version}/me{/}', me);
    router.get('/avatars/:id.svg', serveAvatar(users, true));
    facebookOidcRoutes(router, key, url);
    return createFakeApp(router, log);
  });

  return { url: listening.url, updateUser: (id, patch) => users.update(id, patch), close: listening.close };
}

const NO_SUCH_FIELD = Symbol('no such field');
const PICTURE_SIZES: Record<string, number> = { small: 50, square: 50, normal: 100, album: 50, large: 200 };

/** One field of the /me answer; undefined leaves it out (an email the user has not got or not granted). */
function fieldValue(field: GraphField, user: FakeUser, granted: string[], base: string): unknown {
  const [first, ...rest] = (user.name ?? '').split(' ');
  switch (field.name) {
    case 'id':
      return fakeAccountId('facebook', user.id);
    case 'name':
      return user.name ?? undefined;
    case 'first_name':
      return first || undefined;
    case 'last_name':
      return rest.join(' ') || undefined;
    case 'email':
      return granted.includes('email') && user.email ? user.email : undefined;
    case 'picture': {
      const size = Number(field.modifiers.width ?? field.modifiers.height ?? PICTURE_SIZES[field.modifiers.type ?? 'small'] ?? 50);
      const all: Record<string, unknown> = { height: size, is_silhouette: !user.avatar, url: `${base}${avatarPath(user.id)}`, width: size };
      const wanted = field.subfields ?? Object.keys(all);
      return { data: Object.fromEntries(wanted.filter((key) => key in all).map((key) => [key, all[key]])) };
    }
    default:
      return NO_SUCH_FIELD;
  }
}
