import { createHmac } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FacebookProviderConfig } from '../../src/config/types.js';
import { FacebookProvider } from '../../src/providers/facebook.js';
import { FACEBOOK_JWKS_PATH } from '../../src/providers/facebookIdToken.js';
import { JSON_HEADERS, sentForm, signingKey, useMockNetwork } from '../support/mockNetwork.js';

const DIALOG = 'https://www.facebook.com';
const GRAPH = 'https://graph.facebook.com';
const CALLBACK = 'https://bff.example/auth/callback/facebook';
const SECRET = 'fb-app-secret';
const net = useMockNetwork();

const facebook = (oidc = false) =>
  new FacebookProvider({
    kind: 'facebook',
    id: 'facebook',
    name: 'Facebook',
    clientId: '1234567890',
    clientSecret: SECRET,
    apiVersion: 'v21.0',
    dialogUrl: new URL(DIALOG),
    graphUrl: new URL(GRAPH),
    oidc,
    timeoutMs: 1_000,
  } satisfies FacebookProviderConfig);
const finish = (
  provider: FacebookProvider,
  login: { codeVerifier: string | null; nonce: string | null } = { codeVerifier: null, nonce: null },
) => provider.finishLogin({ callbackUrl: new URL(`${CALLBACK}?code=AQcode&state=s1#_=_`), state: 's1', ...login });

const token = (status: number, body: unknown, headers: { headers: Record<string, string> } = JSON_HEADERS) =>
  net.agent
    .get(GRAPH)
    .intercept({ path: '/v21.0/oauth/access_token', method: 'POST' })
    .reply(status, body as object, headers);
/** Graph /me, intercepted only with the appsecret_proof of that access token. */
const me = (status: number, body: unknown, accessToken = 'EAAtoken') => {
  const proof = createHmac('sha256', SECRET).update(accessToken).digest('hex');
  net.agent
    .get(GRAPH)
    .intercept({ path: '/v21.0/me', method: 'GET', query: { fields: 'id,name,email,picture{url}', appsecret_proof: proof } })
    .reply(status, body as object, JSON_HEADERS);
};

describe('Facebook adapter, classic flow', () => {
  it('redeems the code by POST (secret out of the URL), signs Graph calls with appsecret_proof, and keeps a missing email as null, never "verified"', async () => {
    let sent: URLSearchParams | undefined;
    net.agent
      .get(GRAPH)
      .intercept({ path: '/v21.0/oauth/access_token', method: 'POST' })
      .reply(
        200,
        (request) => {
          sent = sentForm(request);
          return { access_token: 'EAAtoken', token_type: 'bearer', expires_in: 5183944 };
        },
        JSON_HEADERS,
      );
    me(200, { id: '1020304050', name: 'Face Book', picture: { data: { url: 'https://platform-lookaside.fbsbx.com/p.jpg' } } });
    const signedIn = await finish(facebook());
    expect(Object.fromEntries(sent!)).toEqual({ client_id: '1234567890', client_secret: SECRET, redirect_uri: CALLBACK, code: 'AQcode' });
    expect(signedIn.identity).toEqual({
      provider: 'facebook',
      subject: '1020304050',
      name: 'Face Book',
      email: null,
      emailVerified: null,
      avatarUrl: 'https://platform-lookaside.fbsbx.com/p.jpg',
    });
    expect(signedIn.tokens).toMatchObject({ accessToken: 'EAAtoken', refreshToken: null, idToken: null });
  });

  it('a token answer from before Graph v2.3 (form-encoded text) still signs in', async () => {
    token(200, 'access_token=EAAtoken&expires=5183944', { headers: { 'content-type': 'text/plain' } });
    me(200, { id: '1020304050', name: 'Face Book', email: 'fb@example.test' });
    expect((await finish(facebook())).identity).toMatchObject({ subject: '1020304050', email: 'fb@example.test', emailVerified: null });
  });

  it('an OAuthException (code 100, invalid verification code) is provider_error with its code in the detail', async () => {
    token(400, { error: { message: 'Invalid verification code format.', type: 'OAuthException', code: 100, fbtrace_id: 'A1' } });
    await expect(finish(facebook())).rejects.toMatchObject({
      code: 'provider_error',
      detail: expect.stringMatching(/OAuthException code=100/) as unknown,
    });
  });

  it('an error body is an error even with HTTP 200', async () => {
    token(200, { error: { message: 'Error validating client secret.', type: 'OAuthException', code: 1 } });
    await expect(finish(facebook())).rejects.toMatchObject({ code: 'provider_error', detail: expect.stringMatching(/code=1 /) as unknown });
  });

  it('Graph refusing the proof (GraphMethodException) is provider_error; a non-numeric id is invalid_provider_response', async () => {
    token(200, { access_token: 'EAAtoken' });
    me(400, {
      error: { message: 'API calls from the server require an appsecret_proof argument', type: 'GraphMethodException', code: 100 },
    });
    await expect(finish(facebook())).rejects.toMatchObject({
      code: 'provider_error',
      detail: expect.stringMatching(/GraphMethodException/) as unknown,
    });
    token(200, { access_token: 'EAAtoken' });
    me(200, { id: 'someone', name: 'X' });
    await expect(finish(facebook())).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('a cancel (error_reason=user_denied) is access_denied before any call', async () => {
    const cancelled = facebook().finishLogin({
      callbackUrl: new URL(
        `${CALLBACK}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=s1`,
      ),
      state: 's1',
      codeVerifier: null,
      nonce: null,
    });
    await expect(cancelled).rejects.toMatchObject({ code: 'access_denied' });
  });
});

describe('Facebook adapter, OpenID Connect flow (FACEBOOK_OIDC=on)', () => {
  let key: Awaited<ReturnType<typeof signingKey>>;
  beforeAll(async () => {
    key = await signingKey();
  });
  const login = { codeVerifier: 'v'.repeat(43), nonce: 'the-nonce' };
  const idToken = (claims: Record<string, unknown> = {}) =>
    key.sign({ iss: DIALOG, aud: '1234567890', sub: '1020304050', nonce: 'the-nonce', ...claims });
  const keys = () => net.agent.get(DIALOG).intercept({ path: FACEBOOK_JWKS_PATH, method: 'GET' }).reply(200, key.jwks, JSON_HEADERS);

  it('sends the PKCE verifier and signs in when the ID token and Graph /me name the same user', async () => {
    let sent: URLSearchParams | undefined;
    const signed = await idToken();
    net.agent
      .get(GRAPH)
      .intercept({ path: '/v21.0/oauth/access_token', method: 'POST' })
      .reply(
        200,
        (request) => {
          sent = sentForm(request);
          return { access_token: 'EAAtoken', token_type: 'bearer', id_token: signed };
        },
        JSON_HEADERS,
      );
    keys();
    me(200, { id: '1020304050', name: 'Face Book' });
    const signedIn = await finish(facebook(true), login);
    expect(sent!.get('code_verifier')).toBe(login.codeVerifier);
    expect(signedIn.identity.subject).toBe('1020304050');
    expect(signedIn.tokens.idToken).toBe(signed);
  });

  it('a Graph profile of someone else than the ID token names is refused (the sub check)', async () => {
    token(200, { access_token: 'EAAtoken', id_token: await idToken() });
    keys();
    me(200, { id: '9999999999', name: 'Someone Else' });
    await expect(finish(facebook(true), login)).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: 'facebook me: id differs from the id_token sub',
    });
  });

  it('an ID token with another login’s nonce is refused before Graph is asked', async () => {
    token(200, { access_token: 'EAAtoken', id_token: await idToken({ nonce: 'another-login' }) });
    keys();
    await expect(finish(facebook(true), login)).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: 'facebook id_token: nonce differs',
    });
  });

  it('a token answer without an ID token is refused in this flow', async () => {
    token(200, { access_token: 'EAAtoken' });
    await expect(finish(facebook(true), login)).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('keys that cannot be had (Facebook unreachable) are provider_unavailable, not an invalid token', async () => {
    token(200, { access_token: 'EAAtoken', id_token: await idToken() });
    // No interception for the JWKS: with net connect off, the connection is refused.
    await expect(finish(facebook(true), login)).rejects.toMatchObject({ code: 'provider_unavailable' });
  });

  it('keys answered with a 503 (Facebook down) are provider_unavailable too, not an invalid token', async () => {
    token(200, { access_token: 'EAAtoken', id_token: await idToken() });
    net.agent.get(DIALOG).intercept({ path: FACEBOOK_JWKS_PATH, method: 'GET' }).reply(503, 'Service Unavailable');
    await expect(finish(facebook(true), login)).rejects.toMatchObject({ code: 'provider_unavailable' });
  });
});
