import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFakeGoogle, type FakeServer } from '../../src/fakes/index.js';
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

const client = { clientId: '1234-test.apps.googleusercontent.com', clientSecret: 'GOCSPX-test-secret', redirectUris: [redirectUri] };
const EMAIL_URL = 'https://www.googleapis.com/auth/userinfo.email';
const PROFILE_URL = 'https://www.googleapis.com/auth/userinfo.profile';

function authorize(g: FakeServer, state: string, extra: Record<string, string> = {}) {
  return authorizeUrl(g.url, '/o/oauth2/v2/auth', {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope: 'openid email profile',
    state,
    ...extra,
  });
}

/** A code for `user`, with a fresh S256 PKCE pair. */
async function codeFor(g: FakeServer, user = 'alice', extra: Record<string, string> = {}) {
  const { verifier, challenge } = pkcePair();
  const nonce = randomState();
  const location = await signIn(
    g.url,
    authorize(g, randomState(), { code_challenge: challenge, code_challenge_method: 'S256', nonce, ...extra }),
    { user },
  );
  return { code: codeOf(location), verifier, nonce };
}

const tokenPost = (g: FakeServer, params: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(
    `${g.url}/token`,
    {
      grant_type: 'authorization_code',
      redirect_uri: redirectUri,
      client_id: client.clientId,
      client_secret: client.clientSecret,
      ...params,
    },
    headers,
  );

interface Tokens {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  scope: string;
}

describe('fake Google', () => {
  const clock = testClock();
  let g: FakeServer;
  beforeAll(async () => {
    g = await startFakeGoogle({ client, now: clock.now });
  });
  afterAll(() => g.close());

  it('publishes a discovery document like Google’s, with PKCE and without end_session_endpoint', async () => {
    const metadata = (await (await fetch(`${g.url}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata).toEqual({
      issuer: g.url,
      authorization_endpoint: `${g.url}/o/oauth2/v2/auth`,
      token_endpoint: `${g.url}/token`,
      userinfo_endpoint: `${g.url}/v1/userinfo`,
      jwks_uri: `${g.url}/oauth2/v3/certs`,
      response_types_supported: ['code'],
      subject_types_supported: ['public'],
      id_token_signing_alg_values_supported: ['RS256'],
      scopes_supported: ['openid', 'email', 'profile'],
      token_endpoint_auth_methods_supported: ['client_secret_post', 'client_secret_basic'],
      claims_supported: ['aud', 'email', 'email_verified', 'exp', 'family_name', 'given_name', 'iat', 'iss', 'name', 'picture', 'sub'],
      code_challenge_methods_supported: ['plain', 'S256'],
      grant_types_supported: ['authorization_code', 'refresh_token'],
    });
  });

  it('approving returns state first, a code containing "/", and scope, authuser and prompt; cancelling returns access_denied', async () => {
    const location = await signIn(g.url, authorize(g, 'st-1'));
    expect(location).toMatch(/^http:\/\/127\.0\.0\.1:3999\/auth\/callback\/test\?state=st-1&code=4%2F0A[\w-]+&scope=/);
    const params = new URL(location).searchParams;
    expect(params.get('code')).toMatch(/^4\/0A/);
    expect(params.get('scope')).toBe(`openid ${EMAIL_URL} ${PROFILE_URL}`);
    expect(params.get('authuser')).toBe('0');
    expect(await signIn(g.url, authorize(g, 'st-2'), { decision: 'deny' })).toBe(`${redirectUri}?error=access_denied&state=st-2`);
  });

  it('exchanges a PKCE-bound code for tokens and an ID token that verifies against its JWKS', async () => {
    const { code, verifier, nonce } = await codeFor(g);
    const response = await tokenPost(g, { code, code_verifier: verifier });
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as Tokens;
    expect(tokens).toEqual({
      access_token: expect.stringMatching(/^ya29\./) as unknown,
      expires_in: 3599,
      scope: `openid ${EMAIL_URL} ${PROFILE_URL}`,
      token_type: 'Bearer',
      id_token: expect.any(String) as unknown,
    });

    const claims = await verifyIdToken(`${g.url}/oauth2/v3/certs`, tokens.id_token, g.url, client.clientId);
    expect(claims).toEqual({
      iss: g.url,
      azp: client.clientId,
      aud: client.clientId,
      sub: '109876543210987654321',
      email: 'alice@example.com',
      email_verified: true,
      at_hash: createHash('sha256').update(tokens.access_token).digest().subarray(0, 16).toString('base64url'),
      nonce,
      name: 'Alice Liddell',
      picture: `${g.url}/avatars/alice.svg`,
      given_name: 'Alice',
      family_name: 'Liddell',
      iat: expect.any(Number) as unknown,
      exp: expect.any(Number) as unknown,
    });

    const userinfo = await fetch(`${g.url}/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await userinfo.json()).toEqual({
      sub: '109876543210987654321',
      name: 'Alice Liddell',
      given_name: 'Alice',
      family_name: 'Liddell',
      picture: `${g.url}/avatars/alice.svg`,
      email: 'alice@example.com',
      email_verified: true,
    });
  });

  it('accepts client_secret_basic with RFC 6749 form-encoded credentials', async () => {
    const { code, verifier } = await codeFor(g, 'bob');
    const response = await postForm(
      `${g.url}/token`,
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri },
      {
        authorization: basic(formEncode(client.clientId), formEncode(client.clientSecret)),
      },
    );
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as Tokens;
    const userinfo = await fetch(`${g.url}/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await userinfo.json()).toMatchObject({ sub: '110248495921238986420', email: 'bob@example.com', email_verified: false });
  });

  it('leaves out picture for carol and profile claims without the profile scope', async () => {
    const carol = await codeFor(g, 'carol', { scope: 'openid email' });
    const tokens = (await (await tokenPost(g, { code: carol.code, code_verifier: carol.verifier })).json()) as Tokens;
    expect(tokens.scope).toBe(`openid ${EMAIL_URL}`);
    const claims = await verifyIdToken(`${g.url}/oauth2/v3/certs`, tokens.id_token, g.url, client.clientId);
    expect(claims).not.toHaveProperty('name');
    expect(claims).toMatchObject({ sub: '117023458912345678901', email: 'carol@example.com' });
    const userinfo = await fetch(`${g.url}/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await userinfo.json()).toEqual({ sub: '117023458912345678901', email: 'carol@example.com', email_verified: true });
  });

  it('enforces PKCE: a missing or wrong verifier is invalid_grant; plain challenges work too', async () => {
    const { code, verifier } = await codeFor(g);
    const missing = await tokenPost(g, { code });
    expect(missing.status).toBe(400);
    expect(await missing.json()).toEqual({ error: 'invalid_grant', error_description: 'Missing code verifier.' });
    const wrong = await tokenPost(g, { code, code_verifier: pkcePair().verifier });
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
    expect((await tokenPost(g, { code, code_verifier: verifier })).status).toBe(200);

    const plainVerifier = pkcePair().verifier;
    const plain = codeOf(
      await signIn(g.url, authorize(g, randomState(), { code_challenge: plainVerifier, code_challenge_method: 'plain' })),
    );
    expect((await tokenPost(g, { code: plain, code_verifier: plainVerifier })).status).toBe(200);
  });

  it('refuses wrong client credentials with 401 invalid_client, by post and by basic', async () => {
    const { code, verifier } = await codeFor(g);
    const post = await tokenPost(g, { code, code_verifier: verifier, client_secret: 'nope' });
    expect(post.status).toBe(401);
    expect(await post.json()).toEqual({ error: 'invalid_client', error_description: 'Unauthorized' });
    const viaBasic = await postForm(
      `${g.url}/token`,
      { grant_type: 'authorization_code', code, code_verifier: verifier, redirect_uri: redirectUri },
      {
        authorization: basic(client.clientId, 'nope'),
      },
    );
    expect(viaBasic.status).toBe(401);
    expect(await viaBasic.json()).toEqual({ error: 'invalid_client', error_description: 'Unauthorized' });
  });

  it('refuses a different redirect_uri, a reused code and an expired code', async () => {
    const { code, verifier } = await codeFor(g);
    const otherRedirect = await tokenPost(g, { code, code_verifier: verifier, redirect_uri: `${redirectUri}/x` });
    expect(otherRedirect.status).toBe(400);
    expect(await otherRedirect.json()).toEqual({ error: 'redirect_uri_mismatch', error_description: 'Bad Request' });
    expect((await tokenPost(g, { code, code_verifier: verifier })).status).toBe(200);
    const reused = await tokenPost(g, { code, code_verifier: verifier });
    expect(reused.status).toBe(400);
    expect(await reused.json()).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });

    const late = await codeFor(g);
    clock.advance(5 * 60 * 1000 + 1);
    const expired = await tokenPost(g, { code: late.code, code_verifier: late.verifier });
    expect(expired.status).toBe(400);
    expect(await expired.json()).toEqual({ error: 'invalid_grant', error_description: 'Bad Request' });
  });

  it('issues a refresh token only for access_type=offline, and refreshes with it', async () => {
    const online = await codeFor(g);
    expect(await (await tokenPost(g, { code: online.code, code_verifier: online.verifier })).json()).not.toHaveProperty('refresh_token');

    const offline = await codeFor(g, 'alice', { access_type: 'offline' });
    const tokens = (await (await tokenPost(g, { code: offline.code, code_verifier: offline.verifier })).json()) as Tokens;
    expect(tokens.refresh_token).toMatch(/^1\/\/0/);
    const refreshed = await postForm(`${g.url}/token`, {
      grant_type: 'refresh_token',
      refresh_token: tokens.refresh_token!,
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as Tokens;
    expect(next).not.toHaveProperty('refresh_token');
    expect(await verifyIdToken(`${g.url}/oauth2/v3/certs`, next.id_token, g.url, client.clientId)).toMatchObject({
      sub: '109876543210987654321',
    });
    const bad = await postForm(`${g.url}/token`, {
      grant_type: 'refresh_token',
      refresh_token: '1//0nope',
      client_id: client.clientId,
      client_secret: client.clientSecret,
    });
    expect(await bad.json()).toEqual({ error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
  });

  it('refuses userinfo without a valid token with 401', async () => {
    const response = await fetch(`${g.url}/v1/userinfo`, { headers: { authorization: 'Bearer ya29.nope' } });
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('invalid_token');
    expect(await response.json()).toEqual({ error: 'invalid_request', error_description: 'Invalid Credentials' });
  });

  it('shows error pages for a missing scope, an unknown scope and an unsupported response_type', async () => {
    for (const [extra, text] of [
      [{ scope: '' }, 'Missing required parameter: scope'],
      [{ scope: 'openid contacts' }, 'Error 400: invalid_scope'],
      [{ response_type: 'token' }, 'Error 400: unsupported_response_type'],
    ] as const) {
      const response = await fetch(authorize(g, 'x', extra), { redirect: 'manual' });
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).toContain(text);
    }
  });

  it('shows a returning user’s changed profile', async () => {
    const { code, verifier } = await codeFor(g, 'carol');
    const tokens = (await (await tokenPost(g, { code, code_verifier: verifier })).json()) as Tokens;
    g.updateUser('carol', { name: 'Carol Marvel', avatar: true });
    const userinfo = await fetch(`${g.url}/v1/userinfo`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await userinfo.json()).toMatchObject({
      name: 'Carol Marvel',
      given_name: 'Carol',
      family_name: 'Marvel',
      picture: `${g.url}/avatars/carol.svg`,
    });
  });
});
