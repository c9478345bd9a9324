import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFakeFacebook, type FakeServer } from '../../src/fakes/index.js';
import { authorizeUrl, codeOf, randomState, redirectUri, signIn, testClock } from './support.js';

const client = { clientId: '1234567890123456', clientSecret: 'fb-test-secret', redirectUris: [redirectUri] };
const proof = (token: string, secret = client.clientSecret) => createHmac('sha256', secret).update(token).digest('hex');

/** `fb.url` + path, as the adapter would call graph.facebook.com. */
const graph = (fb: FakeServer, path: string, params: Record<string, string> = {}) =>
  `${fb.url}${path}?${new URLSearchParams(params).toString()}`;

function dialogUrl(fb: FakeServer, state: string, scope = 'email,public_profile') {
  return authorizeUrl(fb.url, '/v19.0/dialog/oauth', {
    client_id: client.clientId,
    redirect_uri: redirectUri,
    state,
    response_type: 'code',
    scope,
  });
}

async function tokenRequest(fb: FakeServer, params: Record<string, string>, method: 'GET' | 'POST' = 'GET') {
  const all = { client_id: client.clientId, redirect_uri: redirectUri, client_secret: client.clientSecret, ...params };
  return method === 'GET'
    ? fetch(graph(fb, '/v19.0/oauth/access_token', all))
    : fetch(`${fb.url}/v19.0/oauth/access_token`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams(all),
      });
}

async function signInAndGetToken(fb: FakeServer, user = 'alice', scope?: string): Promise<string> {
  const location = await signIn(fb.url, dialogUrl(fb, randomState(), scope), { user });
  const response = await tokenRequest(fb, { code: codeOf(location) });
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function expectGraphError(body: unknown, error: Record<string, unknown>) {
  expect(body).toEqual({ error: { ...error, fbtrace_id: expect.stringMatching(/^\w{11}$/) as unknown } });
}

describe('fake Facebook', () => {
  const clock = testClock();
  let fb: FakeServer;
  beforeAll(async () => {
    fb = await startFakeFacebook({ client, now: clock.now });
  });
  afterAll(() => fb.close());

  it('approving returns ?code=…&state=…#_=_ to the redirect URI', async () => {
    const location = await signIn(fb.url, dialogUrl(fb, 'st-1'));
    expect(location).toMatch(new RegExp(`^${redirectUri.replace(/[.?]/g, '\\$&')}\\?code=[\\w-]+&state=st-1#_=_$`));
  });

  it('cancelling returns Facebook’s exact error parameters, with #_=_', async () => {
    const location = await signIn(fb.url, dialogUrl(fb, 'st-2'), { decision: 'deny' });
    expect(location).toBe(
      `${redirectUri}?error=access_denied&error_code=200&error_description=Permissions+error&error_reason=user_denied&state=st-2#_=_`,
    );
  });

  it('accepts any Graph version and the unversioned path for the dialog', async () => {
    for (const path of ['/v2.12/dialog/oauth', '/v23.0/dialog/oauth', '/dialog/oauth']) {
      const response = await fetch(authorizeUrl(fb.url, path, { client_id: client.clientId, redirect_uri: redirectUri, state: 'x' }));
      expect(response.status, path).toBe(200);
    }
  });

  it('refuses unknown permissions on the dialog with a page', async () => {
    const response = await fetch(dialogUrl(fb, 'x', 'email,user_friends'), { redirect: 'manual' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Invalid Scopes: user_friends');
  });

  it('exchanges a code by GET or POST for {access_token, token_type: "bearer", expires_in: 5183944}', async () => {
    for (const method of ['GET', 'POST'] as const) {
      const location = await signIn(fb.url, dialogUrl(fb, randomState()));
      const response = await tokenRequest(fb, { code: codeOf(location) }, method);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
      expect(await response.json()).toEqual({
        access_token: expect.stringMatching(/^EAA[A-Za-z0-9]+$/) as unknown,
        token_type: 'bearer',
        expires_in: 5183944,
      });
    }
  });

  it('answers /me with exactly the requested fields, with the token as query parameter or header', async () => {
    const token = await signInAndGetToken(fb);
    const fields = 'id,name,email,picture{url}';
    const expected = {
      id: '10223344556677889',
      name: 'Alice Liddell',
      email: 'alice@example.com',
      picture: { data: { url: `${fb.url}/avatars/alice.svg` } },
    };
    const byQuery = await fetch(graph(fb, '/v19.0/me', { fields, access_token: token, appsecret_proof: proof(token) }));
    expect(byQuery.status).toBe(200);
    expect(await byQuery.json()).toEqual(expected);
    for (const scheme of ['Bearer', 'OAuth']) {
      const byHeader = await fetch(graph(fb, '/v19.0/me', { fields, appsecret_proof: proof(token) }), {
        headers: { authorization: `${scheme} ${token}` },
      });
      expect(await byHeader.json()).toEqual(expected);
    }
  });

  it('answers id and name by default, and picture alone with height, width and is_silhouette', async () => {
    const token = await signInAndGetToken(fb, 'bob');
    const plain = await fetch(graph(fb, '/v19.0/me', { access_token: token, appsecret_proof: proof(token) }));
    expect(await plain.json()).toEqual({ id: '10229876543210123', name: 'Bob Builder' });
    const picture = await fetch(graph(fb, '/v19.0/me', { fields: 'picture', access_token: token, appsecret_proof: proof(token) }));
    expect(await picture.json()).toEqual({
      picture: { data: { height: 50, is_silhouette: false, url: `${fb.url}/avatars/bob.svg`, width: 50 } },
      id: '10229876543210123',
    });
  });

  it('leaves email out (not null) for a user without one, and when the email permission was not asked for', async () => {
    const carol = await signInAndGetToken(fb, 'carol');
    const response = await fetch(graph(fb, '/v19.0/me', { fields: 'id,name,email', access_token: carol, appsecret_proof: proof(carol) }));
    expect(await response.json()).toEqual({ id: '10211122233344455', name: 'Carol Danvers' });

    const noEmailScope = await signInAndGetToken(fb, 'alice', 'public_profile');
    const alice = await fetch(
      graph(fb, '/v19.0/me', { fields: 'id,email', access_token: noEmailScope, appsecret_proof: proof(noEmailScope) }),
    );
    expect(await alice.json()).toEqual({ id: '10223344556677889' });
  });

  it('refuses a Graph call without appsecret_proof (GraphMethodException) and with a wrong one (OAuthException)', async () => {
    const token = await signInAndGetToken(fb);
    const missing = await fetch(graph(fb, '/v19.0/me', { fields: 'id', access_token: token }));
    expect(missing.status).toBe(400);
    expectGraphError(await missing.json(), {
      message: 'API calls from the server require an appsecret_proof argument',
      type: 'GraphMethodException',
      code: 100,
    });

    const wrong = await fetch(
      graph(fb, '/v19.0/me', { fields: 'id', access_token: token, appsecret_proof: proof(token, 'not-the-secret') }),
    );
    expect(wrong.status).toBe(400);
    expectGraphError(await wrong.json(), {
      message: 'Invalid appsecret_proof provided in the API argument',
      type: 'OAuthException',
      code: 100,
    });
  });

  it('refuses an unknown token with code 190 and a missing one with code 2500', async () => {
    const bad = await fetch(graph(fb, '/v19.0/me', { access_token: 'EAAnotatoken', appsecret_proof: proof('EAAnotatoken') }));
    expect(bad.status).toBe(400);
    expectGraphError(await bad.json(), {
      message: 'Invalid OAuth access token - Cannot parse access token',
      type: 'OAuthException',
      code: 190,
    });
    const none = await fetch(graph(fb, '/v19.0/me'));
    expectGraphError(await none.json(), {
      message: 'An active access token must be used to query information about the current user.',
      type: 'OAuthException',
      code: 2500,
    });
  });

  it('refuses a field that does not exist on User', async () => {
    const token = await signInAndGetToken(fb);
    const response = await fetch(
      graph(fb, '/v19.0/me', { fields: 'id,email_verified', access_token: token, appsecret_proof: proof(token) }),
    );
    expectGraphError(await response.json(), {
      message: '(#100) Tried accessing nonexisting field (email_verified) on node type (User)',
      type: 'OAuthException',
      code: 100,
    });
  });

  it('refuses an unknown code, a reused code, an expired code, a different redirect_uri and a wrong secret', async () => {
    const unknown = await tokenRequest(fb, { code: 'AQnotacode' });
    expect(unknown.status).toBe(400);
    expectGraphError(await unknown.json(), { message: 'Invalid verification code format.', type: 'OAuthException', code: 100 });

    const code = codeOf(await signIn(fb.url, dialogUrl(fb, randomState())));
    const wrongSecret = await tokenRequest(fb, { code, client_secret: 'nope' });
    expectGraphError(await wrongSecret.json(), { message: 'Error validating client secret.', type: 'OAuthException', code: 1 });
    const otherRedirect = await tokenRequest(fb, { code, redirect_uri: `${redirectUri}/other` });
    expectGraphError(await otherRedirect.json(), {
      message:
        'Error validating verification code. Please make sure your redirect_uri is identical to the one you used in the OAuth dialog request',
      type: 'OAuthException',
      code: 100,
      error_subcode: 36008,
    });
    expect((await tokenRequest(fb, { code })).status).toBe(200);
    const reused = await tokenRequest(fb, { code });
    expect(reused.status).toBe(400);
    expectGraphError(await reused.json(), {
      message: 'This authorization code has been used.',
      type: 'OAuthException',
      code: 100,
      error_subcode: 36009,
    });

    const late = codeOf(await signIn(fb.url, dialogUrl(fb, randomState())));
    clock.advance(10 * 60 * 1000 + 1);
    const expired = await tokenRequest(fb, { code: late });
    expectGraphError(await expired.json(), {
      message: 'This authorization code has expired.',
      type: 'OAuthException',
      code: 100,
      error_subcode: 36007,
    });
  });

  it('shows a returning user’s changed profile', async () => {
    const token = await signInAndGetToken(fb, 'bob');
    fb.updateUser('bob', { name: 'Robert Builder', email: 'robert@example.com' });
    const response = await fetch(graph(fb, '/v19.0/me', { fields: 'id,name,email', access_token: token, appsecret_proof: proof(token) }));
    expect(await response.json()).toEqual({ id: '10229876543210123', name: 'Robert Builder', email: 'robert@example.com' });
  });
});

describe('fake Facebook options', () => {
  it('legacyTokenFormat answers text/plain access_token=…&expires=5183944, like Graph before v2.3', async () => {
    const fb = await startFakeFacebook({ client, legacyTokenFormat: true });
    try {
      const location = await signIn(fb.url, dialogUrl(fb, randomState()));
      const response = await tokenRequest(fb, { code: codeOf(location) });
      expect(response.headers.get('content-type')).toBe('text/plain; charset=utf-8');
      expect(await response.text()).toMatch(/^access_token=EAA[A-Za-z0-9]+&expires=5183944$/);
    } finally {
      await fb.close();
    }
  });

  it('requireAppSecretProof: false accepts a call without proof but still refuses a wrong one', async () => {
    const fb = await startFakeFacebook({ client, requireAppSecretProof: false });
    try {
      const token = await signInAndGetToken(fb);
      expect(await (await fetch(graph(fb, '/me', { fields: 'id', access_token: token }))).json()).toEqual({ id: '10223344556677889' });
      const wrong = await fetch(graph(fb, '/me', { fields: 'id', access_token: token, appsecret_proof: 'ab'.repeat(32) }));
      expect(wrong.status).toBe(400);
    } finally {
      await fb.close();
    }
  });

  it('refuses to register a plain-http redirect URI that is not on localhost', async () => {
    await expect(startFakeFacebook({ client: { ...client, redirectUris: ['http://app.example/cb'] } })).rejects.toThrow('must use https');
  });
});
