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
    expect(confirmed.headers.get('location')).toBe(`${h.origin}/login`);

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
