import { createRemoteJWKSet, decodeJwt, jwtVerify, type JWTPayload } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';

import { defaultDevClient, freePort, type DevIdp, type DevIdpClient } from '../src/index.js';
import { Browser } from './support/browser.js';
import { authRequest, client, interactionUid, postForm, redirectUri, signInForTokens, startQuietIdp } from './support/flow.js';
import { startLogoutReceiver, type LogoutReceiver } from './support/logout-receiver.js';

const BACKCHANNEL_EVENT = 'http://schemas.openid.net/event/backchannel-logout';

/** Verifies a logout token as a relying party must (Back-Channel Logout 1.0 §2.6) and returns its claims. */
async function verifyLogoutToken(issuer: string, token: string, audience: string): Promise<JWTPayload> {
  const { payload, protectedHeader } = await jwtVerify(token, createRemoteJWKSet(new URL('/jwks', issuer)), {
    issuer,
    audience,
    typ: 'logout+jwt',
    algorithms: ['RS256'],
    requiredClaims: ['iat', 'exp', 'jti', 'sub', 'sid', 'events'],
  });
  expect(protectedHeader.kid).toBeTruthy();
  expect(payload.events).toEqual({ [BACKCHANNEL_EVENT]: {} });
  expect(payload).not.toHaveProperty('nonce'); // §2.4: a logout token must never pass as an ID token
  return payload;
}

/** The RP-initiated logout a browser does: /session/end, then confirm "sign out of all apps". */
async function logOutAtIdp(browser: Browser, issuer: string, idTokenHint: string): Promise<URL> {
  const endSession = new URL('/session/end', issuer);
  endSession.search = new URLSearchParams({
    id_token_hint: idTokenHint,
    post_logout_redirect_uri: 'http://localhost:3000/login',
    state: 'bye',
  }).toString();
  const confirm = await browser.go(endSession);
  const xsrf = /name="xsrf" value="([^"]+)"/.exec(await confirm.response.text())?.[1];
  if (!xsrf) throw new Error('no logout confirmation form');
  return (await browser.go('/session/end/confirm', { form: { xsrf, logout: 'yes' } })).url;
}

describe('back-channel logout', () => {
  let receiver: LogoutReceiver;
  let idp: DevIdp;
  let other: DevIdpClient;
  const otherReceiverPath = '/other-app';

  beforeAll(async () => {
    receiver = await startLogoutReceiver();
    other = {
      clientId: 'other-app',
      clientSecret: 'other-app-secret',
      redirectUris: ['http://localhost:3001/callback'],
      backchannelLogoutUri: `${receiver.url}${otherReceiverPath}`,
    };
  });
  // A fresh IdP per test: sessions left by one test would otherwise be ended (and notified) by the next.
  beforeEach(async () => {
    idp = await startQuietIdp({ clients: [{ ...client, backchannelLogoutUri: receiver.url }, other] });
  });
  afterEach(async () => {
    await idp.close();
    receiver.received.length = 0;
  });
  afterAll(() => receiver.close());

  it('is advertised in discovery, with session support', async () => {
    const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata).toMatchObject({ backchannel_logout_supported: true, backchannel_logout_session_supported: true });
    expect(metadata.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
  });

  it('puts sid into the ID token of a client with a back-channel URI, and keeps it after a refresh', async () => {
    const tokens = await signInForTokens(idp.issuer);
    const { sid } = decodeJwt(tokens.id_token);
    expect(sid).toEqual(expect.any(String));

    const refreshed = await postForm(`${idp.issuer}/token`, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(refreshed.status).toBe(200);
    expect(decodeJwt(((await refreshed.json()) as { id_token: string }).id_token).sid).toBe(sid);
  });

  it("RP-initiated logout POSTs a logout token signed by the IdP to the back-channel URI, naming the user and the ID token's sid", async () => {
    const browser = new Browser(idp.issuer);
    const tokens = await signInForTokens(idp.issuer, { browser, login: 'bob' });
    const { sid } = decodeJwt(tokens.id_token);

    const landed = await logOutAtIdp(browser, idp.issuer, tokens.id_token);
    expect(landed.href).toBe('http://localhost:3000/login?state=bye');

    // oidc-provider sends the logout tokens before it answers the confirmation.
    expect(receiver.received).toHaveLength(1);
    const [request] = receiver.received;
    expect(request).toMatchObject({ path: '/backchannel-logout', contentType: 'application/x-www-form-urlencoded' });
    const claims = await verifyLogoutToken(idp.issuer, request!.logoutToken!, client.clientId);
    expect(claims).toMatchObject({ sub: 'bob', sid });
    expect(claims.exp! - claims.iat!).toBe(120);
  });

  it("endSessionsFor sends each client of each of the user's sessions its own logout token, then ends grants and sessions", async () => {
    // alice in two browsers (two IdP sessions); in the first one she also signed in to another app.
    const first = new Browser(idp.issuer);
    const second = new Browser(idp.issuer);
    const bobs = new Browser(idp.issuer);
    const firstTokens = await signInForTokens(idp.issuer, { browser: first, scope: 'openid email' });
    const secondTokens = await signInForTokens(idp.issuer, { browser: second, scope: 'openid email' });
    await signInForTokens(idp.issuer, { browser: bobs, login: 'bob' });
    await authorizeOtherApp(first);

    await idp.endSessionsFor('alice');

    const byAudience = new Map<string, JWTPayload[]>();
    for (const { path, logoutToken } of receiver.received) {
      const audience = path.endsWith(otherReceiverPath) ? other.clientId : client.clientId;
      const claims = await verifyLogoutToken(idp.issuer, logoutToken!, audience);
      byAudience.set(audience, [...(byAudience.get(audience) ?? []), claims]);
    }
    expect(receiver.received).toHaveLength(3);
    const devSids = byAudience
      .get(client.clientId)!
      .map((claims) => claims.sid)
      .sort();
    expect(devSids).toEqual([decodeJwt(firstTokens.id_token).sid, decodeJwt(secondTokens.id_token).sid].sort());
    expect(byAudience.get(other.clientId)).toHaveLength(1);
    expect(byAudience.get(other.clientId)![0]!.sid).not.toBe(decodeJwt(firstTokens.id_token).sid); // sid is per client
    expect([...byAudience.values()].flat().every((claims) => claims.sub === 'alice')).toBe(true);

    // Her refresh token died with the grant; both browsers must sign in again; bob is still signed in.
    const refresh = await postForm(`${idp.issuer}/token`, client, {
      grant_type: 'refresh_token',
      refresh_token: firstTokens.refresh_token!,
    });
    expect(refresh.status).toBe(400);
    expect(await refresh.json()).toMatchObject({ error: 'invalid_grant' });
    for (const browser of [first, second]) {
      const again = await browser.go(authRequest(idp.issuer).url);
      expect(again.url.pathname).toMatch(/^\/interaction\//);
    }
    const bobAgain = await bobs.go(authRequest(idp.issuer).url);
    expect(`${bobAgain.url.origin}${bobAgain.url.pathname}`).toBe(redirectUri);
  });

  it('endSessionsFor a user without a session sends nothing and resolves', async () => {
    await signInForTokens(idp.issuer, { login: 'bob' });
    await idp.endSessionsFor('carol');
    await idp.endSessionsFor('nobody');
    expect(receiver.received).toHaveLength(0);
  });

  /** Signs the browser's current session in to `other-app` too (consent only: she is signed in already). */
  async function authorizeOtherApp(browser: Browser) {
    const request = authRequest(idp.issuer, 'openid', { client_id: other.clientId, redirect_uri: other.redirectUris[0]! });
    const consent = await browser.go(request.url);
    const done = await browser.go(`/interaction/${interactionUid(consent.url)}/confirm`, { form: {} });
    expect(done.url.searchParams.get('code')).toBeTruthy();
  }
});

describe('back-channel logout to a relying party that is down', () => {
  it('is logged by message and does not stop endSessionsFor or the logout', async () => {
    const logs: string[] = [];
    const deadPort = await freePort();
    const idp = await startQuietIdp({
      clients: [{ ...client, backchannelLogoutUri: `http://127.0.0.1:${deadPort}/logout` }],
      logger: (msg) => logs.push(msg),
    });
    try {
      const browser = new Browser(idp.issuer);
      const tokens = await signInForTokens(idp.issuer, { browser });
      await idp.endSessionsFor('alice');
      expect(logs.some((line) => line.startsWith(`back-channel logout of alice to ${client.clientId} failed:`))).toBe(true);
      expect(logs.join('\n')).not.toContain(tokens.id_token.split('.')[1]!);
      const again = await browser.go(authRequest(idp.issuer).url);
      expect(again.url.pathname).toMatch(/^\/interaction\//);
    } finally {
      await idp.close();
    }
  });
});

describe('the default dev client', () => {
  it("registers the BFF's back-channel URI on :3000 and keeps its post-logout redirect URIs", () => {
    expect(defaultDevClient.backchannelLogoutUri).toBe('http://localhost:3000/auth/backchannel-logout/dev');
    expect(defaultDevClient.postLogoutRedirectUris).toEqual([
      'http://localhost:5173/login',
      'http://localhost:3000/login',
      'http://localhost:5173/auth/logged-out',
      'http://localhost:3000/auth/logged-out',
    ]);
  });
});
