import { describe, expect, it } from 'vitest';
import type { GitHubProviderConfig } from '../../src/config/types.js';
import { GitHubProvider } from '../../src/providers/github.js';
import { JSON_HEADERS, sentForm, useMockNetwork } from '../support/mockNetwork.js';

const WEB = 'https://github.com';
const API = 'https://api.github.com';
const CALLBACK = 'https://bff.example/auth/callback/github';
const net = useMockNetwork();

const github = (extra: Partial<GitHubProviderConfig> = {}) =>
  new GitHubProvider({
    kind: 'github',
    id: 'github',
    name: 'GitHub',
    clientId: 'gh-client',
    clientSecret: 'gh-secret',
    webUrl: new URL(WEB),
    apiUrl: new URL(API),
    timeoutMs: 1_000,
    ...extra,
  });
const finish = (provider = github()) =>
  provider.finishLogin({
    callbackUrl: new URL(`${CALLBACK}?code=the-code&state=s1`),
    state: 's1',
    codeVerifier: 'v'.repeat(43),
    nonce: null,
  });

const tokenAnswer = (status: number, body: unknown, headers: { headers: Record<string, string> } = JSON_HEADERS) =>
  net.agent
    .get(WEB)
    .intercept({ path: '/login/oauth/access_token', method: 'POST' })
    .reply(status, body as object, headers);
const api = (path: string, status: number, body: unknown) =>
  // GitHub refuses API calls without a User-Agent: an interception that demands one.
  net.agent
    .get(API)
    .intercept({ path, method: 'GET', headers: { 'user-agent': /\S/, authorization: 'Bearer gho_token' } })
    .reply(status, body as object, JSON_HEADERS);
const user = { id: 42, login: 'octo', name: 'Octo Cat', email: null, avatar_url: 'https://avatars.githubusercontent.com/u/42' };

describe('GitHub adapter', () => {
  it('redeems the code with the PKCE verifier, asks for JSON, and takes the primary verified email when the public one is hidden', async () => {
    let sent: URLSearchParams | undefined;
    net.agent
      .get(WEB)
      .intercept({ path: '/login/oauth/access_token', method: 'POST', headers: { accept: 'application/json' } })
      .reply(
        200,
        (request) => {
          sent = sentForm(request);
          return { access_token: 'gho_token', token_type: 'bearer', scope: 'read:user,user:email' };
        },
        JSON_HEADERS,
      );
    api('/user', 200, user);
    api('/user/emails', 200, [
      { email: 'old@example.test', primary: false, verified: true, visibility: null },
      { email: 'octo@example.test', primary: true, verified: true, visibility: 'private' },
    ]);
    const signedIn = await finish();
    expect(Object.fromEntries(sent!)).toMatchObject({
      client_id: 'gh-client',
      code: 'the-code',
      code_verifier: 'v'.repeat(43),
      redirect_uri: CALLBACK,
    });
    expect(signedIn.identity).toEqual({
      provider: 'github',
      subject: '42',
      name: 'Octo Cat',
      email: 'octo@example.test',
      emailVerified: true,
      avatarUrl: 'https://avatars.githubusercontent.com/u/42',
    });
    // An OAuth app token does not expire: no made-up lifetime.
    expect(signedIn.tokens).toMatchObject({ accessToken: 'gho_token', refreshToken: null, idToken: null, expiresAt: null });
  });

  it('the name falls back to the login, and without user:email the public email is kept, unverified', async () => {
    tokenAnswer(200, { access_token: 'gho_token', token_type: 'bearer' });
    api('/user', 200, { ...user, name: null, email: 'public@example.test' });
    api('/user/emails', 404, { message: 'Not Found' });
    expect((await finish()).identity).toMatchObject({ name: 'octo', email: 'public@example.test', emailVerified: null });
  });

  it.each(['bad_verification_code', 'incorrect_client_credentials', 'redirect_uri_mismatch'])(
    'a token error that GitHub sends with HTTP 200 (%s) is provider_error, and no API call follows',
    async (error) => {
      tokenAnswer(200, { error, error_description: 'The code passed is incorrect or expired.', error_uri: 'https://docs.github.com/' });
      await expect(finish()).rejects.toMatchObject({ code: 'provider_error', detail: `github token: error=${error}` });
    },
  );

  it('a form-encoded token answer (no JSON) is invalid_provider_response', async () => {
    tokenAnswer(200, 'access_token=gho_token&scope=read%3Auser&token_type=bearer', {
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    await expect(finish()).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('a 5xx at the token endpoint is provider_unavailable', async () => {
    tokenAnswer(502, { message: 'Bad gateway' });
    await expect(finish()).rejects.toMatchObject({ code: 'provider_unavailable' });
  });

  it('a redirect from the token endpoint is refused and never followed', async () => {
    tokenAnswer(302, '', { headers: { location: 'https://evil.example/steal' } });
    // Net connect is off and nothing intercepts evil.example: following it would fail differently.
    await expect(finish()).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: expect.stringMatching(/HTTP 302 redirect, not followed/) as unknown,
    });
  });

  it('/user refusing the token is provider_error; a user without a numeric id is invalid_provider_response', async () => {
    tokenAnswer(200, { access_token: 'gho_token' });
    api('/user', 401, { message: 'Bad credentials' });
    await expect(finish()).rejects.toMatchObject({ code: 'provider_error', detail: 'github /user: HTTP 401' });
    tokenAnswer(200, { access_token: 'gho_token' });
    api('/user', 200, { ...user, id: 'octo' });
    await expect(finish()).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('a token answer over the response limit is invalid_provider_response', async () => {
    tokenAnswer(200, { access_token: 'gho_token', padding: 'x'.repeat(4096) });
    await expect(finish(github({ maxResponseBytes: 1024 }))).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: expect.stringMatching(/1024-byte limit/) as unknown,
    });
  });

  it('a token endpoint slower than the timeout is provider_unavailable, on time', async () => {
    net.agent
      .get(WEB)
      .intercept({ path: '/login/oauth/access_token', method: 'POST' })
      .reply(200, { access_token: 'gho_token' }, JSON_HEADERS)
      .delay(2_000);
    const started = Date.now();
    await expect(finish(github({ timeoutMs: 200 }))).rejects.toMatchObject({ code: 'provider_unavailable' });
    expect(Date.now() - started).toBeLessThan(1_500);
    // The late answer was asked for: it is no pending interception.
  });

  it('a refusal at GitHub (error=access_denied) is access_denied before any call', async () => {
    const refused = github().finishLogin({
      callbackUrl: new URL(`${CALLBACK}?error=access_denied&state=s1`),
      state: 's1',
      codeVerifier: null,
      nonce: null,
    });
    await expect(refused).rejects.toMatchObject({ code: 'access_denied' });
  });
});
