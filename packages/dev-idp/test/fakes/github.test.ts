import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFakeGitHub, type FakeServer } from '../../src/fakes/index.js';
import {
  authorizeUrl,
  basic,
  codeOf,
  formEncode,
  pkcePair,
  postForm,
  randomState,
  rawGet,
  redirectUri,
  signIn,
  testClock,
} from './support.js';

const client = { clientId: 'Iv1.testgithubclient', clientSecret: 'gh-test-secret', redirectUris: [redirectUri] };
const DOCS = 'https://docs.github.com/apps/managing-oauth-apps';
const badCode = {
  error: 'bad_verification_code',
  error_description: 'The code passed is incorrect or expired.',
  error_uri: `${DOCS}/troubleshooting-oauth-app-access-token-request-errors/#bad-verification-code`,
};
const json = { accept: 'application/json' };

function authorize(gh: FakeServer, state: string, extra: Record<string, string> = {}) {
  return authorizeUrl(gh.url, '/login/oauth/authorize', {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    scope: 'read:user user:email',
    state,
    ...extra,
  });
}

function exchange(gh: FakeServer, params: Record<string, string>, headers: Record<string, string> = json) {
  return postForm(
    `${gh.url}/login/oauth/access_token`,
    { client_id: client.clientId, client_secret: client.clientSecret, redirect_uri: redirectUri, ...params },
    headers,
  );
}

async function tokenFor(gh: FakeServer, user: string, scope = 'read:user user:email'): Promise<string> {
  const code = codeOf(await signIn(gh.url, authorize(gh, randomState(), { scope }), { user }));
  return ((await (await exchange(gh, { code })).json()) as { access_token: string }).access_token;
}

const api = (gh: FakeServer, path: string, token: string, scheme = 'Bearer') =>
  fetch(`${gh.url}${path}`, {
    headers: { authorization: `${scheme} ${token}`, 'user-agent': 'sso-bff-test', accept: 'application/vnd.github+json' },
  });

describe('fake GitHub', () => {
  const clock = testClock();
  let gh: FakeServer;
  beforeAll(async () => {
    gh = await startFakeGitHub({ client, now: clock.now });
  });
  afterAll(() => gh.close());

  it('approving returns ?code=…&state=… to the redirect URI', async () => {
    expect(await signIn(gh.url, authorize(gh, 'st-1'))).toMatch(
      /^http:\/\/127\.0\.0\.1:3999\/auth\/callback\/test\?code=[0-9a-f]{20}&state=st-1$/,
    );
  });

  it('cancelling returns GitHub’s exact access_denied parameters', async () => {
    expect(await signIn(gh.url, authorize(gh, 'st-2'), { decision: 'deny' })).toBe(
      `${redirectUri}?error=access_denied&error_description=The+user+has+denied+your+application+access.&error_uri=https%3A%2F%2Fdocs.github.com%2Fapps%2Fmanaging-oauth-apps%2Ftroubleshooting-authorization-request-errors%2F%23access-denied&state=st-2`,
    );
  });

  it('answers the token request form-encoded by default', async () => {
    const code = codeOf(await signIn(gh.url, authorize(gh, randomState())));
    const response = await exchange(gh, { code }, {});
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(await response.text()).toMatch(/^access_token=gho_[A-Za-z0-9]{36}&scope=read%3Auser%2Cuser%3Aemail&token_type=bearer$/);
  });

  it('answers JSON with Accept: application/json, and takes a JSON request body', async () => {
    const code = codeOf(await signIn(gh.url, authorize(gh, randomState())));
    const response = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...json },
      body: JSON.stringify({ client_id: client.clientId, client_secret: client.clientSecret, code, redirect_uri: redirectUri }),
    });
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(await response.json()).toEqual({
      access_token: expect.stringMatching(/^gho_/) as unknown,
      scope: 'read:user,user:email',
      token_type: 'bearer',
    });
  });

  it('accepts client credentials by HTTP Basic too', async () => {
    const code = codeOf(await signIn(gh.url, authorize(gh, randomState())));
    const response = await postForm(
      `${gh.url}/login/oauth/access_token`,
      { code, redirect_uri: redirectUri },
      {
        ...json,
        authorization: basic(formEncode(client.clientId), formEncode(client.clientSecret)),
      },
    );
    expect(await response.json()).toMatchObject({ token_type: 'bearer' });
  });

  it('reports token errors with HTTP 200: unknown, reused and expired codes', async () => {
    const unknown = await exchange(gh, { code: '0123456789abcdef0123' });
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual(badCode);

    const code = codeOf(await signIn(gh.url, authorize(gh, randomState())));
    expect((await exchange(gh, { code })).status).toBe(200);
    const reused = await exchange(gh, { code });
    expect(reused.status).toBe(200);
    expect(await reused.json()).toEqual(badCode);

    const late = codeOf(await signIn(gh.url, authorize(gh, randomState())));
    clock.advance(10 * 60 * 1000 + 1);
    expect(await (await exchange(gh, { code: late })).json()).toEqual(badCode);
  });

  it('reports wrong client credentials and a different redirect_uri with HTTP 200, form-encoded unless JSON was asked for', async () => {
    const code = codeOf(await signIn(gh.url, authorize(gh, randomState())));
    const wrongSecret = await exchange(gh, { code, client_secret: 'nope' }, {});
    expect(wrongSecret.status).toBe(200);
    expect(Object.fromEntries(new URLSearchParams(await wrongSecret.text()))).toEqual({
      error: 'incorrect_client_credentials',
      error_description: 'The client_id and/or client_secret passed are incorrect.',
      error_uri: `${DOCS}/troubleshooting-oauth-app-access-token-request-errors/#incorrect-client-credentials`,
    });
    const otherRedirect = await exchange(gh, { code, redirect_uri: 'http://127.0.0.1:3999/elsewhere' });
    expect(otherRedirect.status).toBe(200);
    expect(await otherRedirect.json()).toEqual({
      error: 'redirect_uri_mismatch',
      error_description: 'The redirect_uri MUST match the registered callback URL for this application.',
      error_uri: `${DOCS}/troubleshooting-oauth-app-access-token-request-errors/#redirect-uri-mismatch2`,
    });
    // The failed attempts did not use the code up.
    expect(await (await exchange(gh, { code })).json()).toMatchObject({ token_type: 'bearer' });
  });

  it('binds the code to the PKCE challenge: a wrong or missing verifier is a bad_verification_code', async () => {
    const { verifier, challenge } = pkcePair();
    const code = codeOf(await signIn(gh.url, authorize(gh, randomState(), { code_challenge: challenge, code_challenge_method: 'S256' })));
    expect(await (await exchange(gh, { code })).json()).toEqual(badCode);
    expect(await (await exchange(gh, { code, code_verifier: pkcePair().verifier })).json()).toEqual(badCode);
    expect(await (await exchange(gh, { code, code_verifier: verifier })).json()).toMatchObject({ token_type: 'bearer' });
  });

  it('answers /user with the public profile: alice has a public email', async () => {
    const response = await api(gh, '/user', await tokenFor(gh, 'alice'));
    expect(response.status).toBe(200);
    expect(response.headers.get('x-oauth-scopes')).toBe('read:user, user:email');
    expect(await response.json()).toMatchObject({
      login: 'alice',
      id: 583231,
      name: 'Alice Liddell',
      email: 'alice@example.com',
      avatar_url: `${gh.url}/avatars/alice.svg`,
      type: 'User',
    });
  });

  it('bob has no public email; /user/emails lists a verified non-primary address before the primary one', async () => {
    const token = await tokenFor(gh, 'bob', 'user:email');
    expect(await (await api(gh, '/user', token, 'token')).json()).toMatchObject({
      login: 'bob',
      id: 1024025,
      name: 'Bob Builder',
      email: null,
    });
    expect(await (await api(gh, '/user/emails', token, 'token')).json()).toEqual([
      { email: 'bob.builder@old.example.com', primary: false, verified: true, visibility: null },
      { email: 'bob@example.com', primary: true, verified: true, visibility: 'private' },
    ]);
  });

  it('carol has no name and an unverified primary email', async () => {
    const token = await tokenFor(gh, 'carol');
    expect(await (await api(gh, '/user', token)).json()).toMatchObject({ login: 'carol', id: 9919, name: null, email: null });
    expect(await (await api(gh, '/user/emails', token)).json()).toEqual([
      { email: 'carol@example.com', primary: true, verified: false, visibility: 'private' },
    ]);
  });

  it('hides /user/emails (404) from a token without the user:email scope', async () => {
    const response = await api(gh, '/user/emails', await tokenFor(gh, 'alice', 'read:user'));
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ message: 'Not Found' });
  });

  it('refuses API calls without a token (401), with a bad token (401) and without a User-Agent (403)', async () => {
    const none = await fetch(`${gh.url}/user`, { headers: { 'user-agent': 'test' } });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({
      message: 'Requires authentication',
      documentation_url: 'https://docs.github.com/rest/users/users#get-the-authenticated-user',
      status: '401',
    });
    const bad = await api(gh, '/user', 'gho_nonsense');
    expect(bad.status).toBe(401);
    expect(await bad.json()).toMatchObject({ message: 'Bad credentials' });

    const token = await tokenFor(gh, 'alice');
    for (const path of ['/user', '/user/emails']) {
      const noAgent = await rawGet(`${gh.url}${path}`, { authorization: `Bearer ${token}` });
      expect(noAgent.status).toBe(403);
      expect(noAgent.headers['content-type']).toBe('text/plain; charset=utf-8');
      expect(noAgent.body).toMatch(/^Request forbidden by administrative rules\. Please make sure your request has a User-Agent header \(/);
    }
  });

  it('refuses a PKCE challenge with a method other than S256 on a page', async () => {
    const response = await fetch(authorize(gh, 'x', { code_challenge: 'abc', code_challenge_method: 'plain' }), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(response.headers.get('location')).toBeNull();
  });

  it('shows a returning user’s changed profile', async () => {
    const token = await tokenFor(gh, 'carol');
    gh.updateUser('carol', { name: 'Carol D.', emailVerified: true });
    expect(await (await api(gh, '/user', token)).json()).toMatchObject({ login: 'carol', name: 'Carol D.' });
    expect(await (await api(gh, '/user/emails', token)).json()).toEqual([
      { email: 'carol@example.com', primary: true, verified: true, visibility: 'private' },
    ]);
  });
});
