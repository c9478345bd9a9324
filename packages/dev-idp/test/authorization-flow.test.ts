import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DevIdp } from '../src/index.js';
import { Browser } from './support/browser.js';
import { authRequest, client, exchangeCode, redirectUri, signIn, startQuietIdp, verifyJwt } from './support/flow.js';

interface TokenResponse {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  token_type: string;
  scope: string;
}

describe('authorization code flow', () => {
  let idp: DevIdp;
  beforeAll(async () => {
    idp = await startQuietIdp();
  });
  afterAll(() => idp.close());

  it('signs alice in, redirects back with code, state and iss, and issues verifiable tokens', async () => {
    const browser = new Browser(idp.issuer);
    const request = authRequest(idp.issuer);
    const callback = await signIn(browser, request, 'alice');

    expect(`${callback.origin}${callback.pathname}`).toBe(redirectUri);
    expect(callback.searchParams.get('state')).toBe(request.state);
    expect(callback.searchParams.get('iss')).toBe(idp.issuer);
    const code = callback.searchParams.get('code');
    expect(code).toBeTruthy();

    const response = await exchangeCode(idp.issuer, code!, request.verifier);
    expect(response.status).toBe(200);
    const tokens = (await response.json()) as TokenResponse;
    expect(tokens.token_type).toBe('Bearer');

    const idToken = await verifyJwt(idp.issuer, tokens.id_token);
    expect(idToken).toMatchObject({ iss: idp.issuer, aud: client.clientId, nonce: request.nonce, sub: 'alice' });

    const userinfo = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(await userinfo.json()).toEqual({
      sub: 'alice',
      name: 'Alice Liddell',
      email: 'alice@example.com',
      email_verified: true,
      picture: `${idp.issuer}/avatars/alice.svg`,
    });
  });

  it('omits picture for a user without one and reports an unverified email as such', async () => {
    const carol = await signInAndFetchUserinfo('carol');
    expect(carol).not.toHaveProperty('picture');
    expect(carol).toMatchObject({ sub: 'carol', email_verified: true });
    const bob = await signInAndFetchUserinfo('bob');
    expect(bob).toMatchObject({ sub: 'bob', email: 'bob@example.com', email_verified: false });
  });

  it('accepts a typed email instead of a username, ignoring case and spaces', async () => {
    const request = authRequest(idp.issuer);
    const callback = await signIn(new Browser(idp.issuer), request, '  Carol@Example.com ');
    const tokens = (await (await exchangeCode(idp.issuer, callback.searchParams.get('code')!, request.verifier)).json()) as TokenResponse;
    expect(await verifyJwt(idp.issuer, tokens.id_token)).toMatchObject({ sub: 'carol' });
  });

  it('rejects a code exchanged with the wrong PKCE verifier, and a code used twice', async () => {
    const request = authRequest(idp.issuer);
    const callback = await signIn(new Browser(idp.issuer), request);
    const code = callback.searchParams.get('code')!;

    const wrong = await exchangeCode(idp.issuer, code, `${request.verifier}x`);
    expect(wrong.status).toBe(400);
    expect(await wrong.json()).toMatchObject({ error: 'invalid_grant' });

    const right = await exchangeCode(idp.issuer, code, request.verifier);
    expect(right.status).toBe(200);

    // RFC 6749 §4.1.2: a code is single-use.
    const replay = await exchangeCode(idp.issuer, code, request.verifier);
    expect(replay.status).toBe(400);
    expect(await replay.json()).toMatchObject({ error: 'invalid_grant' });
  });

  it('issues a refresh token for offline_access that works with client_secret_post', async () => {
    const request = authRequest(idp.issuer, 'openid email offline_access');
    const callback = await signIn(new Browser(idp.issuer), request);
    const tokens = (await (await exchangeCode(idp.issuer, callback.searchParams.get('code')!, request.verifier)).json()) as TokenResponse;
    expect(tokens.refresh_token).toBeTruthy();

    const refreshed = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'refresh_token',
        refresh_token: tokens.refresh_token!,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }),
    });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as TokenResponse;
    expect(await verifyJwt(idp.issuer, next.id_token)).toMatchObject({ iss: idp.issuer, aud: client.clientId, sub: 'alice' });
  });

  it('signs the same browser in again without asking, once it has a session and a grant', async () => {
    const browser = new Browser(idp.issuer);
    await signIn(browser, authRequest(idp.issuer), 'bob');
    const second = authRequest(idp.issuer);
    const { url } = await browser.go(second.url);
    expect(`${url.origin}${url.pathname}`).toBe(redirectUri);
    expect(url.searchParams.get('state')).toBe(second.state);
    expect(url.searchParams.get('code')).toBeTruthy();
  });

  it('rejects a wrong client secret at the token endpoint', async () => {
    const response = await fetch(`${idp.issuer}/token`, {
      method: 'POST',
      headers: {
        authorization: `Basic ${Buffer.from(`${client.clientId}:wrong`).toString('base64')}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'nope', redirect_uri: redirectUri }),
    });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  async function signInAndFetchUserinfo(login: string): Promise<Record<string, unknown>> {
    const request = authRequest(idp.issuer);
    const callback = await signIn(new Browser(idp.issuer), request, login);
    const tokens = (await (await exchangeCode(idp.issuer, callback.searchParams.get('code')!, request.verifier)).json()) as TokenResponse;
    const userinfo = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    return (await userinfo.json()) as Record<string, unknown>;
  }
});
