import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { fakeDefaults, startFakeSimpleLogin, type FakeServer } from '../../src/fakes/index.js';
import {
  authorizeUrl,
  basic,
  codeOf,
  formEncode,
  pkcePair,
  postForm,
  randomState,
  redirectUri,
  signIn,
  testClock,
  verifyIdToken,
} from './support.js';

// A SimpleLogin-style client id: it contains "-", which RFC 6749 §2.3.1 encoding turns into "%2D".
const client = { clientId: fakeDefaults.simplelogin.clientId, clientSecret: 'sl-test-secret', redirectUris: [redirectUri] };
const SCOPE = 'openid email name avatar_url';

function authorize(sl: FakeServer, state: string, extra: Record<string, string> = {}) {
  return authorizeUrl(sl.url, '/oauth2/authorize', {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: SCOPE,
    state,
    ...extra,
  });
}

const tokenPost = (sl: FakeServer, code: string, extra: Record<string, string> = {}, headers: Record<string, string> = {}) =>
  postForm(
    `${sl.url}/oauth2/token`,
    {
      grant_type: 'authorization_code',
      code,
      redirect_uri: redirectUri,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      ...extra,
    },
    headers,
  );

interface TokenResponse {
  access_token: string;
  id_token?: string;
  user: Record<string, unknown>;
}

describe('fake SimpleLogin', () => {
  const clock = testClock();
  let sl: FakeServer;
  beforeAll(async () => {
    sl = await startFakeSimpleLogin({ client, now: clock.now });
  });
  afterAll(() => sl.close());

  it('publishes discovery without PKCE, end_session_endpoint or the iss response parameter', async () => {
    const response = await fetch(`${sl.url}/.well-known/openid-configuration`);
    expect(await response.json()).toEqual({
      issuer: sl.url,
      authorization_endpoint: `${sl.url}/oauth2/authorize`,
      token_endpoint: `${sl.url}/oauth2/token`,
      userinfo_endpoint: `${sl.url}/oauth2/userinfo`,
      jwks_uri: `${sl.url}/jwks`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'name', 'avatar_url'],
      token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    });
  });

  it('publishes only the public half of its RS256 key, with a kid', async () => {
    const { keys } = (await (await fetch(`${sl.url}/jwks`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig', kid: expect.any(String) as unknown });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('approving returns ?code=…&state=… without iss; cancelling returns the non-standard error=deny', async () => {
    expect(await signIn(sl.url, authorize(sl, 'st-1'))).toMatch(
      /^http:\/\/127\.0\.0\.1:3999\/auth\/callback\/test\?code=[\w-]+&state=st-1$/,
    );
    expect(await signIn(sl.url, authorize(sl, 'st-2'), { decision: 'deny' })).toBe(`${redirectUri}?error=deny&state=st-2`);
  });

  it('exchanges a code with client_secret_post for tokens, the user, and an ID token that verifies against /jwks', async () => {
    const nonce = randomState();
    const code = codeOf(await signIn(sl.url, authorize(sl, randomState(), { nonce })));
    const response = await tokenPost(sl, code);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TokenResponse;
    const user = {
      id: 48213,
      sub: '48213',
      client: 'SSO Dev App',
      email_verified: true,
      name: 'Alice Liddell',
      email: 'alice.wonder@simplelogin.co',
      avatar_url: expect.stringMatching(new RegExp(`^${sl.url}/avatars/alice\\.svg\\?X-Amz-`)) as unknown,
    };
    expect(body).toEqual({
      access_token: expect.any(String) as unknown,
      token_type: 'Bearer',
      expires_in: 3600,
      scope: SCOPE,
      user,
      id_token: expect.any(String) as unknown,
    });

    const claims = await verifyIdToken(`${sl.url}/jwks`, body.id_token!, sl.url, client.clientId);
    expect(claims).toMatchObject({ iss: sl.url, aud: client.clientId, sub: '48213', nonce });
    expect(claims.exp! - claims.iat!).toBe(3600);
    expect(typeof claims.auth_time).toBe('number');

    const userinfo = await fetch(`${sl.url}/oauth2/userinfo`, { headers: { authorization: `Bearer ${body.access_token}` } });
    expect(await userinfo.json()).toEqual(user);
    // The avatar link is real.
    expect((await fetch(body.user.avatar_url as string)).status).toBe(200);
  });

  it('ignores PKCE parameters harmlessly (no verifier needed)', async () => {
    const code = codeOf(
      await signIn(sl.url, authorize(sl, randomState(), { code_challenge: pkcePair().challenge, code_challenge_method: 'S256' })),
    );
    expect((await tokenPost(sl, code)).status).toBe(200);
  });

  it('gives carol avatar_url null, and no id_token without the openid scope', async () => {
    const code = codeOf(await signIn(sl.url, authorize(sl, randomState(), { scope: 'email name avatar_url' }), { user: 'carol' }));
    const body = (await (await tokenPost(sl, code)).json()) as TokenResponse;
    expect(body).not.toHaveProperty('id_token');
    expect(body.user).toEqual({
      id: 48215,
      sub: '48215',
      client: 'SSO Dev App',
      email_verified: true,
      name: 'Carol Danvers',
      email: 'carol@example.com',
      avatar_url: null,
    });
  });

  it('quirk: Basic credentials are compared without percent-decoding, so RFC 6749 encoding ("-" → "%2D") fails', async () => {
    expect(formEncode(client.clientId)).toContain('%2D');
    const code = codeOf(await signIn(sl.url, authorize(sl, randomState())));
    const noBody = { client_id: '', client_secret: '' };
    const encoded = await tokenPost(sl, code, noBody, {
      authorization: basic(formEncode(client.clientId), formEncode(client.clientSecret)),
    });
    expect(encoded.status).toBe(400);
    expect(await encoded.json()).toEqual({ error: 'wrong client-id or client-secret' });
    // The same credentials sent raw in the Basic header, or as form fields, work.
    const raw = await tokenPost(sl, code, noBody, { authorization: basic(client.clientId, client.clientSecret) });
    expect(raw.status).toBe(200);
  });

  it('answers errors with HTTP 400 and its own bodies: wrong secret, reused or expired code, other redirect_uri', async () => {
    const code = codeOf(await signIn(sl.url, authorize(sl, randomState())));
    const wrongSecret = await tokenPost(sl, code, { client_secret: 'nope' });
    expect(wrongSecret.status).toBe(400);
    expect(await wrongSecret.json()).toEqual({ error: 'wrong client-id or client-secret' });
    const otherRedirect = await tokenPost(sl, code, { redirect_uri: `${redirectUri}/x` });
    expect(otherRedirect.status).toBe(400);
    expect(await otherRedirect.json()).toEqual({ error: 'redirect_uri mismatch' });
    expect((await tokenPost(sl, code)).status).toBe(200);
    const reused = await tokenPost(sl, code);
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: 'code is not valid' });

    const late = codeOf(await signIn(sl.url, authorize(sl, randomState())));
    clock.advance(5 * 60 * 1000 + 1);
    const expired = await tokenPost(sl, late);
    expect(expired.status).toBe(400);
    expect(await expired.json()).toEqual({ error: 'code is not valid' });
  });

  it('refuses userinfo without a valid token with 400 {"error":"Invalid access token"}', async () => {
    for (const headers of [{}, { authorization: 'Bearer nope' }] as Array<Record<string, string>>) {
      const response = await fetch(`${sl.url}/oauth2/userinfo`, { headers });
      expect(response.status).toBe(400);
      expect(await response.json()).toEqual({ error: 'Invalid access token' });
    }
  });

  it('shows a returning user’s changed profile', async () => {
    const code = codeOf(await signIn(sl.url, authorize(sl, randomState()), { user: 'bob' }));
    const { access_token: token } = (await (await tokenPost(sl, code)).json()) as TokenResponse;
    sl.updateUser('bob', { name: 'Robert', avatar: false });
    const userinfo = await fetch(`${sl.url}/oauth2/userinfo`, { headers: { authorization: `Bearer ${token}` } });
    expect(await userinfo.json()).toMatchObject({ id: 48214, name: 'Robert', email: 'bob.builder@aleeas.com', avatar_url: null });
  });
});
