import { beforeAll, describe, expect, it } from 'vitest';
import type { OidcProviderConfig } from '../../src/config/types.js';
import { createLogger } from '../../src/logger.js';
import { OidcProvider } from '../../src/providers/oidc.js';
import { JSON_HEADERS, sentForm, signingKey, useMockNetwork } from '../support/mockNetwork.js';

const CALLBACK = 'https://bff.example/auth/callback';
const net = useMockNetwork();
let key: Awaited<ReturnType<typeof signingKey>>;
beforeAll(async () => {
  key = await signingKey();
});

/** A provider as PROVIDERS.md describes it: SimpleLogin (no PKCE advertised, form-body client auth) or Google (PKCE S256). */
const PROVIDERS = {
  simplelogin: {
    issuer: 'https://app.simplelogin.io',
    clientId: 'my-app-ab12',
    pkce: false,
    tokenAuthMethod: 'client_secret_post',
    scopes: ['openid', 'email', 'name', 'avatar_url'],
  },
  google: {
    issuer: 'https://accounts.google.com',
    clientId: '123-abc.apps.googleusercontent.com',
    pkce: true,
    tokenAuthMethod: 'auto',
    scopes: ['openid', 'email', 'profile'],
  },
} as const;
type Kind = keyof typeof PROVIDERS;

const provider = (kind: Kind, extra: Partial<OidcProviderConfig> = {}) => {
  const p = PROVIDERS[kind];
  return new OidcProvider(
    {
      kind: 'oidc',
      id: kind,
      name: kind,
      issuer: new URL(p.issuer),
      clientId: p.clientId,
      clientSecret: 'client-secret-1',
      scopes: [...p.scopes],
      tokenAuthMethod: p.tokenAuthMethod,
      authParams: {},
      allowInsecureRequests: false,
      timeoutMs: 1_000,
      ...extra,
    },
    createLogger('silent'),
  );
};

function discovery(kind: Kind) {
  const { issuer, pkce } = PROVIDERS[kind];
  const metadata = {
    issuer,
    authorization_endpoint: `${issuer}/oauth2/authorize`,
    token_endpoint: `${issuer}/oauth2/token`,
    userinfo_endpoint: `${issuer}/oauth2/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    ...(pkce ? { code_challenge_methods_supported: ['S256'] } : {}),
  };
  net.agent.get(issuer).intercept({ path: '/.well-known/openid-configuration', method: 'GET' }).reply(200, metadata, JSON_HEADERS);
}
const keys = (kind: Kind) =>
  net.agent.get(PROVIDERS[kind].issuer).intercept({ path: '/jwks', method: 'GET' }).reply(200, key.jwks, JSON_HEADERS);
/** The provider's token endpoint, to answer once. */
const tokenEndpoint = (kind: Kind) => net.agent.get(PROVIDERS[kind].issuer).intercept({ path: '/oauth2/token', method: 'POST' });
const idToken = (kind: Kind, nonce: string, claims: Record<string, unknown> = {}) =>
  key.sign({ iss: PROVIDERS[kind].issuer, aud: PROVIDERS[kind].clientId, sub: 'user-1', nonce, ...claims });
const userinfo = (kind: Kind, body: unknown, status = 200) =>
  net.agent
    .get(PROVIDERS[kind].issuer)
    .intercept({ path: '/oauth2/userinfo', method: 'GET', headers: { authorization: 'Bearer at-1' } })
    .reply(status, body as object, JSON_HEADERS);

/** startLogin as the BFF calls it, then the callback the provider would send back. */
async function signIn(kind: Kind, adapter = provider(kind)) {
  const start = await adapter.startLogin({ state: 's1', redirectUri: `${CALLBACK}/${kind}` });
  return {
    adapter,
    start,
    finish: () =>
      adapter.finishLogin({
        callbackUrl: new URL(`${CALLBACK}/${kind}?code=the-code&state=s1`),
        state: 's1',
        codeVerifier: start.codeVerifier,
        nonce: start.nonce,
      }),
  };
}

describe('OpenID Connect adapter, SimpleLogin as documented', () => {
  it('sends no PKCE (none advertised), authenticates in the form body, and takes the profile from userinfo', async () => {
    discovery('simplelogin');
    const login = await signIn('simplelogin');
    expect(login.start.codeVerifier).toBeNull();
    expect(login.start.url.searchParams.has('code_challenge')).toBe(false);
    expect(login.start.url.searchParams.get('nonce')).toBe(login.start.nonce);
    let sent: { body: URLSearchParams; authorization: unknown } | undefined;
    tokenEndpoint('simplelogin').reply(
      200,
      async (request) => {
        sent = { body: sentForm(request), authorization: new Headers(request.headers).get('authorization') };
        return {
          access_token: 'at-1',
          token_type: 'Bearer',
          expires_in: 3600,
          scope: 'openid email name avatar_url',
          id_token: await idToken('simplelogin', login.start.nonce!),
        };
      },
      JSON_HEADERS,
    );
    keys('simplelogin');
    userinfo('simplelogin', {
      id: 7,
      sub: 'user-1',
      client: 'my-app',
      email_verified: true,
      name: 'Simple User',
      email: 'alias@simplelogin.example',
      avatar_url: null,
    });
    const signedIn = await login.finish();
    // SimpleLogin compares Basic credentials without decoding them: the id (with "-") goes in the body.
    expect(sent!.authorization).toBeNull();
    expect(Object.fromEntries(sent!.body)).toMatchObject({
      client_id: 'my-app-ab12',
      client_secret: 'client-secret-1',
      code: 'the-code',
      grant_type: 'authorization_code',
    });
    expect(signedIn.identity).toMatchObject({
      provider: 'simplelogin',
      subject: 'user-1',
      name: 'Simple User',
      email: 'alias@simplelogin.example',
      emailVerified: true,
      avatarUrl: null,
    });
  });

  it('a userinfo answer about someone else is refused (the sub check)', async () => {
    discovery('simplelogin');
    const login = await signIn('simplelogin');
    tokenEndpoint('simplelogin').reply(
      200,
      async () => ({ access_token: 'at-1', token_type: 'Bearer', id_token: await idToken('simplelogin', login.start.nonce!) }),
      JSON_HEADERS,
    );
    keys('simplelogin');
    userinfo('simplelogin', { sub: 'user-2', email: 'other@example.test', email_verified: true });
    await expect(login.finish()).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('its non-standard token error ("wrong client-id or client-secret", HTTP 400) is provider_error', async () => {
    discovery('simplelogin');
    const login = await signIn('simplelogin');
    tokenEndpoint('simplelogin').reply(400, { error: 'wrong client-id or client-secret' }, JSON_HEADERS);
    await expect(login.finish()).rejects.toMatchObject({
      code: 'provider_error',
      detail: expect.stringMatching(/error=wrong client-id or client-secret/) as unknown,
    });
  });

  it('a refusal that comes back as ?error=deny is access_denied, with no token request', async () => {
    discovery('simplelogin');
    const login = await signIn('simplelogin');
    const denied = login.adapter.finishLogin({
      callbackUrl: new URL(`${CALLBACK}/simplelogin?error=deny&state=s1`),
      state: 's1',
      codeVerifier: null,
      nonce: login.start.nonce,
    });
    await expect(denied).rejects.toMatchObject({ code: 'access_denied' });
  });
});

describe('OpenID Connect adapter, Google as documented', () => {
  it('sends PKCE S256 and the verifier, and takes every claim from the ID token when it holds them all (no userinfo call)', async () => {
    discovery('google');
    const login = await signIn('google');
    expect(login.start.url.searchParams.get('code_challenge_method')).toBe('S256');
    let verifier: string | null = null;
    tokenEndpoint('google').reply(
      200,
      async (request) => {
        verifier = sentForm(request).get('code_verifier');
        const claims = {
          name: 'G User',
          email: 'g@example.test',
          email_verified: false,
          picture: 'https://lh3.googleusercontent.com/a/x',
        };
        return {
          access_token: 'at-1',
          token_type: 'Bearer',
          expires_in: 3599,
          id_token: await idToken('google', login.start.nonce!, claims),
        };
      },
      JSON_HEADERS,
    );
    keys('google');
    const signedIn = await login.finish();
    expect(verifier).toBe(login.start.codeVerifier);
    // email_verified false is kept as false, never read as "not said".
    expect(signedIn.identity).toMatchObject({
      subject: 'user-1',
      name: 'G User',
      email: 'g@example.test',
      emailVerified: false,
      avatarUrl: 'https://lh3.googleusercontent.com/a/x',
    });
    expect(signedIn.tokens.refreshToken).toBeNull();
  });

  it('an ID token carrying another login’s nonce is invalid_provider_response', async () => {
    discovery('google');
    const login = await signIn('google');
    tokenEndpoint('google').reply(
      200,
      async () => ({ access_token: 'at-1', token_type: 'Bearer', id_token: await idToken('google', 'another-login') }),
      JSON_HEADERS,
    );
    await expect(login.finish()).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('an ID token for another client (aud) is invalid_provider_response', async () => {
    discovery('google');
    const login = await signIn('google');
    tokenEndpoint('google').reply(
      200,
      async () => ({
        access_token: 'at-1',
        token_type: 'Bearer',
        id_token: await idToken('google', login.start.nonce!, { aud: 'someone-else' }),
      }),
      JSON_HEADERS,
    );
    await expect(login.finish()).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('invalid_grant (the code expired or was used) is provider_error; a 5xx is provider_unavailable', async () => {
    discovery('google');
    const login = await signIn('google');
    tokenEndpoint('google').reply(400, { error: 'invalid_grant', error_description: 'Bad Request' }, JSON_HEADERS);
    await expect(login.finish()).rejects.toMatchObject({
      code: 'provider_error',
      detail: expect.stringMatching(/error=invalid_grant/) as unknown,
    });
    tokenEndpoint('google').reply(503, { error: 'temporarily_unavailable' }, JSON_HEADERS);
    await expect(login.finish()).rejects.toMatchObject({ code: 'provider_unavailable' });
  });
});

describe('OpenID Connect adapter, discovery and limits', () => {
  it('an issuer nobody answers for is provider_unavailable at the login start, and readiness says down', async () => {
    const adapter = provider('google');
    await expect(adapter.startLogin({ state: 's1', redirectUri: `${CALLBACK}/google` })).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    expect(adapter.health()).toMatchObject({ status: 'down' });
  });

  it('a failed discovery is forgotten: the next login start discovers again and works', async () => {
    const adapter = provider('google');
    net.agent
      .get(PROVIDERS.google.issuer)
      .intercept({ path: '/.well-known/openid-configuration', method: 'GET' })
      .reply(502, 'Bad gateway');
    await expect(adapter.startLogin({ state: 's1', redirectUri: `${CALLBACK}/google` })).rejects.toMatchObject({
      code: 'provider_unavailable',
    });
    discovery('google');
    await expect(adapter.startLogin({ state: 's1', redirectUri: `${CALLBACK}/google` })).resolves.toMatchObject({
      codeVerifier: expect.any(String) as unknown,
    });
    expect(adapter.health()).toEqual({ status: 'ok' });
  });

  it('a discovery document naming another issuer is invalid_provider_response', async () => {
    net.agent.get(PROVIDERS.google.issuer).intercept({ path: '/.well-known/openid-configuration', method: 'GET' }).reply(
      200,
      {
        issuer: 'https://evil.example',
        authorization_endpoint: 'https://evil.example/a',
        token_endpoint: 'https://evil.example/t',
        jwks_uri: 'https://evil.example/k',
      },
      JSON_HEADERS,
    );
    await expect(provider('google').startLogin({ state: 's1', redirectUri: `${CALLBACK}/google` })).rejects.toMatchObject({
      code: 'invalid_provider_response',
    });
  });

  it('a discovery answer over PROVIDER_RESPONSE_LIMIT is invalid_provider_response', async () => {
    net.agent
      .get(PROVIDERS.google.issuer)
      .intercept({ path: '/.well-known/openid-configuration', method: 'GET' })
      .reply(200, { issuer: PROVIDERS.google.issuer, padding: 'x'.repeat(64 * 1024) }, JSON_HEADERS);
    await expect(
      provider('google', { maxResponseBytes: 16 * 1024 }).startLogin({ state: 's1', redirectUri: `${CALLBACK}/google` }),
    ).rejects.toMatchObject({ code: 'invalid_provider_response', detail: expect.stringMatching(/16384-byte limit/) as unknown });
  });

  it('a token endpoint slower than PROVIDER_TIMEOUT is provider_unavailable, on time', async () => {
    discovery('google');
    const login = await signIn('google', provider('google', { timeoutMs: 200 }));
    tokenEndpoint('google').reply(200, { access_token: 'at-1' }, JSON_HEADERS).delay(2_000);
    const started = Date.now();
    await expect(login.finish()).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(Date.now() - started).toBeLessThan(1_500);
  });
});

describe('OpenID Connect adapter, refresh', () => {
  const refreshed = (idToken: string) =>
    tokenEndpoint('google').reply(200, { access_token: 'at-2', token_type: 'Bearer', expires_in: 300, id_token: idToken }, JSON_HEADERS);
  const claims = { iss: PROVIDERS.google.issuer, aud: PROVIDERS.google.clientId, sub: 'user-1' };

  it('a refreshed ID token is kept only when its signature verifies: a tampered one is invalid_provider_response, not a signed-out user', async () => {
    discovery('google');
    keys('google');
    const adapter = provider('google');
    const good = await key.sign(claims);
    refreshed(good);
    await expect(adapter.refresh('rt-1')).resolves.toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-1', idToken: good });

    const [header, , signature] = good.split('.');
    const payload = Buffer.from(
      JSON.stringify({ ...claims, sub: 'user-2', iat: Math.floor(Date.now() / 1000), exp: Math.floor(Date.now() / 1000) + 300 }),
    );
    refreshed(`${header}.${payload.toString('base64url')}.${signature}`);
    await expect(adapter.refresh('rt-1')).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: 'google refresh: ID token signature is invalid',
    });
  });
});
