import type { Context } from 'koa';

import { sendHtml, sendText } from '../respond.js';
import { ExpiringStore, randomAlnum, randomHex } from './codes.js';
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
  readParams,
  secretEquals,
  sendJson,
  serve,
  withParams,
} from './http.js';
import { verifierMatches, type PkceChallenge } from './pkce.js';
import { fakeErrorPage, type Brand } from './signinPage.js';
import type { FakeGitHubUser, FakeOptions, FakeServer } from './types.js';
import { avatarPath, serveAvatar, UserDirectory } from './users.js';

const brand: Brand = { name: 'GitHub', verb: 'Sign in with', accent: '#1f2328' };
const CODE_TTL_MS = 10 * 60 * 1000;
const DOCS = 'https://docs.github.com/apps/managing-oauth-apps';

interface AuthRequest extends DialogRequest {
  pkce: PkceChallenge | undefined;
}
interface Grant {
  clientId: string;
  redirectUri: string;
  userId: string;
  scopes: string[];
  pkce: PkceChallenge | undefined;
}

/** Token endpoint errors, which GitHub sends with HTTP 200. */
const TOKEN_ERRORS = {
  bad_verification_code: ['The code passed is incorrect or expired.', 'bad-verification-code'],
  incorrect_client_credentials: ['The client_id and/or client_secret passed are incorrect.', 'incorrect-client-credentials'],
  redirect_uri_mismatch: ['The redirect_uri MUST match the registered callback URL for this application.', 'redirect-uri-mismatch2'],
} as const;

/** Form-encoded unless the client asked for JSON: the default trips clients that expect JSON. */
function tokenAnswer(ctx: Context, body: Record<string, string>): void {
  if (/\bapplication\/json\b/i.test(ctx.get('Accept'))) return sendJson(ctx, 200, body);
  sendText(ctx, 200, new URLSearchParams(body).toString(), {
    'Content-Type': 'application/x-www-form-urlencoded; charset=utf-8',
    'Cache-Control': 'no-store',
  });
}

/** A fake GitHub OAuth app: github.com's authorize and token endpoints and api.github.com's /user on one server. */
export async function startFakeGitHub(options: FakeOptions & { users?: FakeGitHubUser[] }): Promise<FakeServer> {
  const { client } = options;
  checkRedirectUris('fake GitHub', client.redirectUris, true);
  const now = options.now ?? Date.now;
  const log = options.logger ?? (() => {});
  const users = new UserDirectory<FakeGitHubUser>(options.users ?? fakeUsers.github);
  const codes = new ExpiringStore<Grant>(CODE_TTL_MS, now, () => randomHex(10));
  // OAuth app tokens do not expire.
  const tokens = new ExpiringStore<Grant>(Infinity, now, () => `gho_${randomAlnum(36)}`);

  const listening = await serve('fake GitHub', options.port ?? 0, options.host ?? '127.0.0.1', (url) => {
    const dialog = createDialog<AuthRequest, FakeGitHubUser>({
      brand,
      client,
      action: '/login/oauth/authorize',
      users,
      now,
      log,
      approve: (request, user) => {
        const code = codes.add({
          clientId: request.clientId,
          redirectUri: request.redirectUri,
          userId: user.id,
          scopes: [...request.scopes],
          pkce: request.pkce,
        });
        return withParams(request.redirectUri, { code, state: request.state });
      },
      deny: (request) =>
        withParams(request.redirectUri, {
          error: 'access_denied',
          error_description: 'The user has denied your application access.',
          error_uri: `${DOCS}/troubleshooting-authorization-request-errors/#access-denied`,
          state: request.state,
        }),
    });

    const page = (ctx: Context, status: number, title: string, message: string) =>
      sendHtml(ctx, status, fakeErrorPage(brand, title, message));

    function authorize(ctx: Context) {
      const query = queryOf(ctx);
      const clientId = query.get('client_id');
      if (clientId !== client.clientId) return page(ctx, 404, 'Not Found', 'There is no OAuth app with this client_id.');
      // Without redirect_uri GitHub uses the app's registered callback URL.
      const redirectUri = query.get('redirect_uri') ?? client.redirectUris[0]!;
      if (!client.redirectUris.includes(redirectUri)) {
        return page(ctx, 400, 'Redirect URI mismatch', 'The redirect_uri is not associated with this application.');
      }
      let pkce: PkceChallenge | undefined;
      const challenge = query.get('code_challenge');
      if (challenge !== null) {
        if (query.get('code_challenge_method') !== 'S256') return page(ctx, 400, 'Invalid request', 'code_challenge_method must be S256.');
        pkce = { challenge, method: 'S256' };
      }
      const scopes = [...new Set((query.get('scope') ?? '').split(/[\s,]+/).filter(Boolean))];
      dialog.show(ctx, { clientId, redirectUri, state: query.get('state') ?? undefined, scopes, pkce });
    }

    async function accessToken(ctx: Context) {
      const params = await readParams(ctx);
      const basic = basicCredentials(ctx);
      const clientId = basic ? formDecode(basic.id) : params.get('client_id');
      const secret = basic ? formDecode(basic.secret) : params.get('client_secret');
      const fail = (error: keyof typeof TOKEN_ERRORS) => {
        const [description, anchor] = TOKEN_ERRORS[error];
        tokenAnswer(ctx, {
          error,
          error_description: description,
          error_uri: `${DOCS}/troubleshooting-oauth-app-access-token-request-errors/#${anchor}`,
        });
      };
      if (clientId !== client.clientId || !secretEquals(secret ?? '', client.clientSecret)) return fail('incorrect_client_credentials');
      const code = params.get('code') ?? '';
      const grant = codes.valid(code);
      if (!grant || grant.clientId !== clientId) return fail('bad_verification_code');
      const redirectUri = params.get('redirect_uri');
      if (redirectUri !== null && redirectUri !== grant.redirectUri) return fail('redirect_uri_mismatch');
      if (grant.pkce && !verifierMatches(grant.pkce, params.get('code_verifier'))) return fail('bad_verification_code');
      codes.markUsed(code);
      const token = tokens.add(grant);
      log(`issued an access token to ${clientId} for ${grant.userId}`);
      tokenAnswer(ctx, { access_token: token, scope: grant.scopes.join(','), token_type: 'bearer' });
    }

    /** The REST API's gatekeeping: a User-Agent first, then a token. */
    function authenticate(ctx: Context, docs: string): { grant: Grant; user: FakeGitHubUser } | undefined {
      if (!ctx.get('User-Agent')) {
        sendText(
          ctx,
          403,
          'Request forbidden by administrative rules. Please make sure your request has a User-Agent header (https://docs.github.com/en/rest/overview/resources-in-the-rest-api#user-agent-required). Check https://developer.github.com for other possible causes.\n',
        );
        return undefined;
      }
      const token = authorizationToken(ctx, ['bearer', 'token']);
      if (!token) {
        sendJson(ctx, 401, { message: 'Requires authentication', documentation_url: docs, status: '401' });
        return undefined;
      }
      const grant = tokens.valid(token);
      const user = grant && users.get(grant.userId);
      if (!grant || !user) {
        sendJson(ctx, 401, { message: 'Bad credentials', documentation_url: 'https://docs.github.com/rest', status: '401' });
        return undefined;
      }
      ctx.set('X-OAuth-Scopes', grant.scopes.join(', '));
      ctx.set('X-GitHub-Media-Type', 'github.v3; format=json');
      return { grant, user };
    }

    function getUser(ctx: Context) {
      const auth = authenticate(ctx, 'https://docs.github.com/rest/users/users#get-the-authenticated-user');
      if (!auth) return;
      const { user } = auth;
      const id = Number(fakeAccountId('github', user.id));
      ctx.set('X-Accepted-OAuth-Scopes', '');
      sendJson(ctx, 200, {
        login: user.id,
        id,
        node_id: Buffer.from(`04:User${id}`).toString('base64'),
        avatar_url: `${url}${avatarPath(user.id)}`,
        gravatar_id: '',
        url: `${url}/users/${user.id}`,
        html_url: `${url}/${user.id}`,
        type: 'User',
        site_admin: false,
        name: user.name,
        company: null,
        blog: '',
        location: null,
        // Only the public email; the rest needs /user/emails and the user:email scope.
        email: user.publicEmail && user.emailVerified ? user.email : null,
        hireable: null,
        bio: null,
        twitter_username: null,
        public_repos: 3,
        public_gists: 0,
        followers: 1,
        following: 0,
        created_at: '2011-01-25T18:44:36Z',
        updated_at: new Date(now()).toISOString().replace(/\.\d+Z$/, 'Z'),
      });
    }

    function getEmails(ctx: Context) {
      const docs = 'https://docs.github.com/rest/users/emails#list-email-addresses-for-the-authenticated-user';
      const auth = authenticate(ctx, docs);
      if (!auth) return;
      const { grant, user } = auth;
      ctx.set('X-Accepted-OAuth-Scopes', 'user, user:email');
      // Without the scope GitHub hides the resource rather than saying "forbidden".
      if (!grant.scopes.some((scope) => scope === 'user' || scope === 'user:email')) {
        return sendJson(ctx, 404, { message: 'Not Found', documentation_url: docs, status: '404' });
      }
      const others = (user.otherEmails ?? []).map(({ email, verified }) => ({ email, primary: false, verified, visibility: null }));
      const primary = user.email
        ? [{ email: user.email, primary: true, verified: user.emailVerified, visibility: user.publicEmail ? 'public' : 'private' }]
        : [];
      sendJson(ctx, 200, [...others, ...primary]);
    }

    const router = fakeRouter();
    router.get('/login/oauth/authorize', authorize);
    router.post('/login/oauth/authorize', (ctx) => dialog.decide(ctx));
    router.post('/login/oauth/access_token', accessToken);
    router.get('/user', getUser);
    router.get('/user/emails', getEmails);
    router.get('/avatars/:id.svg', serveAvatar(users, true));
    return createFakeApp(router, log);
  });

  return { url: listening.url, updateUser: (id, patch) => users.update(id, patch), close: listening.close };
}
