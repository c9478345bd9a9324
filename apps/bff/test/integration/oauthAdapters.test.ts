import type { IncomingMessage, ServerResponse } from 'node:http';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FacebookProviderConfig, GitHubProviderConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logger.js';
import { FacebookProvider } from '../../src/providers/facebook.js';
import { GitHubProvider } from '../../src/providers/github.js';
import { OidcProvider } from '../../src/providers/oidc.js';
import { DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS } from '../../src/providers/tokenLifetime.js';
import { cutOffAnswer, MB, startAnswering, streamAnswer, type Handler } from '../support/answers.js';
import { startStubIssuer, STUB_CLIENT, type StubIssuer } from '../support/stubIssuer.js';

/**
 * The adapters driven directly against small real HTTP servers: what each makes of a provider's
 * token answer. (The same refusals through the whole BFF: providerAnswers.test.ts.)
 */
const NOW = 1_750_000_000_000;
const clock = () => NOW;
const CALLBACK = 'http://127.0.0.1:9/auth/callback';
// Answers at once: a plain function, so a route that calls it has no promise to await.
const json =
  (body: unknown, status = 200) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };

let api: Awaited<ReturnType<typeof startAnswering>>;
const defaults: Record<string, Handler> = {
  '/login/oauth/access_token': json({ access_token: 'gho_token', token_type: 'bearer', scope: 'read:user,user:email' }),
  '/user': json({ id: 42, login: 'octo', name: 'Octo Cat', email: null, avatar_url: null }),
  '/user/emails': json([{ email: 'octo@example.test', primary: true, verified: true }]),
  '/v21.0/oauth/access_token': json({ access_token: 'EAAtoken', token_type: 'bearer' }),
  '/v21.0/me': json({ id: '1234', name: 'Face Book' }),
};
beforeAll(async () => {
  api = await startAnswering({ ...defaults });
});
afterAll(() => api.close());
afterEach(() => Object.assign(api.routes, defaults));

const github = () => {
  const base = new URL(api.url);
  const config: GitHubProviderConfig = {
    kind: 'github',
    id: 'github',
    name: 'GitHub',
    clientId: 'gh',
    clientSecret: 'gh-secret',
    webUrl: base,
    apiUrl: base,
    timeoutMs: 2_000,
  };
  return new GitHubProvider(config, clock);
};
const facebook = () => {
  const base = new URL(api.url);
  const config: FacebookProviderConfig = {
    kind: 'facebook',
    id: 'facebook',
    name: 'Facebook',
    clientId: '1',
    clientSecret: 'fb-secret',
    apiVersion: 'v21.0',
    dialogUrl: base,
    graphUrl: base,
    oidc: false,
    timeoutMs: 2_000,
  };
  return new FacebookProvider(config, clock);
};
const finish = (provider: GitHubProvider | FacebookProvider, query: string, state = 's1') =>
  provider.finishLogin({ callbackUrl: new URL(`${CALLBACK}/${provider.id}?${query}`), state, codeVerifier: 'v'.repeat(43), nonce: null });

describe('an access token answer without expires_in', () => {
  it('Facebook: gets the default lifetime (one hour), not forever', async () => {
    const signedIn = await finish(facebook(), 'code=c&state=s1');
    expect(signedIn.tokens.expiresAt).toBe(NOW + DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
  });

  it('Facebook before Graph v2.3 (form-encoded) without expires: the default, not "expired now"', async () => {
    api.routes['/v21.0/oauth/access_token'] = (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end('access_token=EAAtoken');
    };
    expect((await finish(facebook(), 'code=c&state=s1')).tokens.expiresAt).toBe(NOW + DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
  });

  it('Facebook: an expires_in it does send is kept', async () => {
    api.routes['/v21.0/oauth/access_token'] = json({ access_token: 'EAAtoken', token_type: 'bearer', expires_in: 5183944 });
    expect((await finish(facebook(), 'code=c&state=s1')).tokens.expiresAt).toBe(NOW + 5183944 * 1000);
  });

  it('GitHub OAuth app: stays without expiry, as GitHub documents such tokens; a GitHub App token keeps its expires_in', async () => {
    expect((await finish(github(), 'code=c&state=s1')).tokens.expiresAt).toBeNull();
    api.routes['/login/oauth/access_token'] = json({
      access_token: 'ghu_token',
      token_type: 'bearer',
      expires_in: 28800,
      refresh_token: 'ghr_x',
    });
    expect((await finish(github(), 'code=c&state=s1')).tokens.expiresAt).toBe(NOW + 28800 * 1000);
  });

  describe('OpenID Connect', () => {
    let stub: StubIssuer;
    beforeAll(async () => {
      stub = await startStubIssuer();
    });
    afterAll(() => stub.close());

    const oidc = () =>
      new OidcProvider(
        {
          kind: 'oidc',
          id: 'oidc',
          name: 'Stub',
          issuer: new URL(stub.url),
          clientId: STUB_CLIENT.clientId,
          clientSecret: STUB_CLIENT.clientSecret,
          scopes: ['openid'],
          tokenAuthMethod: 'auto',
          authParams: {},
          allowInsecureRequests: true,
          timeoutMs: 2_000,
        },
        createLogger('silent'),
        undefined,
        clock,
      );

    it('sign-in and refresh both get the default lifetime', async () => {
      const provider = oidc();
      const start = await provider.startLogin({ state: 's1', redirectUri: `${CALLBACK}/oidc` });
      stub.nonce = start.nonce!;
      stub.routes['/token'] = async (req, res) => {
        req.resume();
        const { expires_in: _, ...answer } = await stub.tokenAnswer({ refresh_token: 'rt-1' });
        json(answer)(req, res);
      };
      try {
        const signedIn = await provider.finishLogin({
          callbackUrl: new URL(`${CALLBACK}/oidc?code=c&state=s1`),
          state: 's1',
          codeVerifier: start.codeVerifier,
          nonce: start.nonce,
        });
        expect(signedIn.tokens.expiresAt).toBe(NOW + DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
        const refreshed = await provider.refresh('rt-1');
        expect(refreshed.expiresAt).toBe(NOW + DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS * 1000);
      } finally {
        stub.reset();
      }
    });
  });
});

/** Each provider's own error body: GitHub's flat OAuth error, Facebook's Graph error object. */
const ERROR_BODIES = {
  github: { error: 'bad_verification_code', error_description: 'The code passed is incorrect or expired.' },
  facebook: { error: { message: 'Invalid verification code format.', type: 'OAuthException', code: 100, fbtrace_id: 'A1' } },
};

describe.each([
  ['github', github, '/login/oauth/access_token'],
  ['facebook', facebook, '/v21.0/oauth/access_token'],
] as const)('%s: the token endpoint answering what it should not', (name, make, tokenPath) => {
  it.each<{ what: string; handler: Handler; code: string }>([
    {
      what: 'an 8 MB answer',
      handler: (req, res) => void (req.resume(), streamAnswer(res, 8 * MB, { delayMs: 2 })),
      code: 'invalid_provider_response',
    },
    {
      what: 'an HTML page with 200',
      handler: (req, res) => (req.resume(), res.writeHead(200, { 'content-type': 'text/html' }), res.end('<html>hi</html>')),
      code: 'invalid_provider_response',
    },
    {
      what: 'an HTML page with 502',
      handler: (req, res) => (req.resume(), res.writeHead(502, { 'content-type': 'text/html' }), res.end('<html>bad gateway</html>')),
      code: 'provider_unavailable',
    },
    {
      what: 'a redirect',
      handler: (req, res) => (req.resume(), res.writeHead(302, { location: '/user' }), res.end()),
      code: 'invalid_provider_response',
    },
    {
      what: 'truncated JSON',
      handler: (req, res) => (req.resume(), res.writeHead(200, { 'content-type': 'application/json' }), res.end('{"access_token":"gho_')),
      code: 'invalid_provider_response',
    },
    {
      what: 'an answer cut off',
      handler: (req, res) => (req.resume(), cutOffAnswer(res, '{"access_token":"gho_', 4096)),
      code: 'invalid_provider_response',
    },
    { what: 'a 200 with an error body', handler: (req, res) => json(ERROR_BODIES[name])(req, res), code: 'provider_error' },
  ])('$what is refused with $code', async ({ handler, code }) => {
    api.routes[tokenPath] = handler;
    const before = api.seen.length;
    await expect(finish(make(), 'code=c&state=s1')).rejects.toMatchObject({ code });
    // Nothing after the token request: no redirect followed, no profile fetched.
    expect(api.seen.slice(before)).toEqual([tokenPath]);
  });
});

describe.each([
  ['github', github, '/login/oauth/access_token'],
  ['facebook', facebook, '/v21.0/oauth/access_token'],
] as const)('%s: a callback with a parameter twice', (_name, make, tokenPath) => {
  it.each([
    ['two codes', 'code=mine&code=theirs&state=s1'],
    ['two states', 'code=mine&state=s1&state=s1'],
    ['two errors', 'error=access_denied&error=server_error&state=s1'],
  ])('%s is refused with invalid_provider_response before any token request', async (_what, query) => {
    const before = api.seen.length;
    await expect(finish(make(), query)).rejects.toMatchObject({ code: 'invalid_provider_response' });
    expect(api.seen.slice(before)).not.toContain(tokenPath);
  });
});
