import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { authorizeAtIdp } from '../support/idp.js';
import { me, signIn, startLogin } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

const logout = (browser: TestBrowser) => browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1' } });

describe('full logout (RP-initiated, OpenID Connect RP-Initiated Logout 1.0)', () => {
  it('ends the session here, then at the IdP, and comes back to the sign-in page', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'alice' });
    const { redirectTo } = (await (await logout(browser)).json()) as { redirectTo: string };
    expect((await me(browser, h)).status).toBe(401);
    // Always a signed state, even for plain /login: some providers come back only with one.
    const endSession = new URL(redirectTo);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${h.origin}/auth/logged-out`);
    expect(endSession.searchParams.get('state')).toMatch(/^[\w.-]{20,}$/);

    // At the IdP: its confirmation page, then back to our registered post-logout URI.
    const page = await browser.request(redirectTo);
    const html = await page.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).toBeTruthy();
    const confirmed = await browser.request(new URL('/session/end/confirm', h.idp.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
    // Back with the state, which is checked, and on to /login.
    const back = new URL(confirmed.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${h.origin}/auth/logged-out`);
    expect(back.searchParams.get('state')).toBe(endSession.searchParams.get('state'));
    const landed = await browser.request(back);
    expect([landed.status, landed.headers.get('location')]).toEqual([302, '/login']);

    // The IdP session is gone too: the next sign-in asks who you are again.
    const start = await startLogin(browser, h);
    const first = await browser.request(start);
    expect(new URL(first.headers.get('location')!, start).pathname).toMatch(/^\/interaction\//);
    const callback = await authorizeAtIdp(browser, start, h.origin, { user: 'bob' });
    await browser.request(callback);
    expect((await me(browser, h)).body.user.subject).toBe('bob');
  });

  it('signing out while the IdP is down still ends the local session', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    // A new BFF process has no discovery cached; point it at a dead issuer by restarting with one.
    const saved = h.env.OIDC_ISSUER!;
    h.env.OIDC_ISSUER = 'http://127.0.0.1:9';
    await h.restartBff();
    try {
      const response = await logout(browser);
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ redirectTo: '/login' });
      expect((await me(browser, h)).status).toBe(401);
    } finally {
      h.env.OIDC_ISSUER = saved;
      await h.restartBff();
    }
  });

  it('LOGOUT_AT_PROVIDER=false signs out locally only', async () => {
    h.env.LOGOUT_AT_PROVIDER = 'false';
    await h.restartBff();
    try {
      const browser = new TestBrowser();
      await signIn(browser, h);
      expect(await (await logout(browser)).json()).toEqual({ redirectTo: '/login' });
    } finally {
      delete h.env.LOGOUT_AT_PROVIDER;
      await h.restartBff();
    }
  });
});

describe('back-channel logout (OpenID Connect Back-Channel Logout 1.0)', () => {
  it('the IdP ending the user’s session there ends their sessions here, and only theirs', async () => {
    const alice1 = new TestBrowser();
    const alice2 = new TestBrowser();
    const bob = new TestBrowser();
    await signIn(alice1, h, { user: 'alice' });
    await signIn(alice2, h, { user: 'alice' });
    await signIn(bob, h, { user: 'bob' });
    await h.idp.endSessionsFor('alice');
    expect((await me(alice1, h)).status).toBe(401);
    expect((await me(alice2, h)).status).toBe(401);
    expect((await me(bob, h)).status).toBe(200);
  });

  it('refuses requests that do not carry a valid logout token, changing nothing', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'carol' });
    const post = (body: string, type = 'application/x-www-form-urlencoded', provider = 'oidc') =>
      fetch(`${h.origin}/auth/backchannel-logout/${provider}`, { method: 'POST', headers: { 'content-type': type }, body });
    for (const response of [
      await post(''),
      await post('logout_token=not.a.jwt'),
      await post(`logout_token=${'eyJhbGciOiJub25lIn0.eyJzdWIiOiJjYXJvbCJ9.'}`),
      await post('{"logout_token":"x"}', 'application/json'),
      await post('logout_token=x', undefined, 'nope'),
    ]) {
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({ error: 'invalid_request' });
    }
    expect((await me(browser, h)).status).toBe(200);
  });
});

describe('sign-out from another frontend (returnTo)', () => {
  const FRONTEND = 'http://localhost:5999';
  let other: Harness;
  beforeAll(async () => {
    other = await startHarness({ env: { FRONTEND_ORIGINS: FRONTEND } });
  });
  afterAll(async () => {
    await other?.close();
  });
  const logoutTo = (browser: TestBrowser, returnTo: string) =>
    browser.request(`${other.origin}/auth/logout?returnTo=${encodeURIComponent(returnTo)}`, { method: 'POST', headers: { 'X-CSRF': '1', Origin: FRONTEND } });

  it('goes through the IdP’s end-session page and comes back to the frontend that asked', async () => {
    const browser = new TestBrowser();
    await signIn(browser, other);
    const { redirectTo } = (await (await logoutTo(browser, `${FRONTEND}/bye`)).json()) as { redirectTo: string };
    const endSession = new URL(redirectTo);
    expect(endSession.searchParams.get('post_logout_redirect_uri')).toBe(`${other.origin}/auth/logged-out`);
    const state = endSession.searchParams.get('state')!;
    expect(state).toBeTruthy();

    const page = await (await browser.request(redirectTo)).text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(page)![1]!;
    const confirmed = await browser.request(new URL('/session/end/confirm', other.idp.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    const back = new URL(confirmed.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${other.origin}/auth/logged-out`);
    const final = await browser.request(back);
    expect(final.status).toBe(302);
    expect(final.headers.get('location')).toBe(`${FRONTEND}/bye`);
  });

  it('/auth/logged-out sends a forged, altered or missing state to /login, never elsewhere', async () => {
    for (const state of ['', 'x.y', `${Buffer.from(JSON.stringify({ r: 'https://evil.example/', e: Date.now() + 60_000 })).toString('base64url')}.AAAA`]) {
      const response = await fetch(`${other.origin}/auth/logged-out?state=${encodeURIComponent(state)}`, { redirect: 'manual' });
      expect(response.status).toBe(302);
      expect(response.headers.get('location')).toBe('/login');
    }
  });

  it('a returnTo that is not ours or an allowed frontend falls back to /login', async () => {
    const local = await startHarness({ env: { FRONTEND_ORIGINS: FRONTEND, LOGOUT_AT_PROVIDER: 'false' } });
    try {
      const browser = new TestBrowser();
      await signIn(browser, local);
      const evil = await browser.request(`${local.origin}/auth/logout?returnTo=${encodeURIComponent('https://evil.example/')}`, { method: 'POST', headers: { 'X-CSRF': '1' } });
      expect(await evil.json()).toEqual({ redirectTo: '/login' });
      await signIn(browser, local);
      const ok = await browser.request(`${local.origin}/auth/logout?returnTo=${encodeURIComponent(`${FRONTEND}/bye`)}`, { method: 'POST', headers: { 'X-CSRF': '1' } });
      expect(await ok.json()).toEqual({ redirectTo: `${FRONTEND}/bye` });
    } finally {
      await local.close();
    }
  });
});
