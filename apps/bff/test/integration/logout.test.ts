import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdOf, TestBrowser } from '../support/browser.js';
import { followEndSession, navigate } from '../support/endSession.js';
import { SESSION_SECRET, startHarness, type Harness } from '../support/harness.js';
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
  const confirmAtIdp = async (browser: TestBrowser, idpPage: Response, issuer: string) => {
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(await idpPage.text())?.[1];
    expect(xsrf).toBeTruthy();
    return browser.request(new URL('/session/end/confirm', issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf: xsrf!, logout: 'yes' }).toString(),
    });
  };

  it('ends the session here, then at the IdP through our end-session page, and comes back to the sign-in page', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'alice' });
    const answer = await (await logout(browser)).text();
    expect((await me(browser, h)).status).toBe(401);
    // Our own page with a one-time id: no token in the answer, nor in any URL.
    const { redirectTo } = JSON.parse(answer) as { redirectTo: string };
    const page = new URL(redirectTo);
    expect(page.origin).toBe(h.origin);
    expect(page.pathname).toBe('/auth/end-session');
    expect(page.searchParams.get('id')).toMatch(/^[\w-]{43}$/);
    expect(answer).not.toMatch(/eyJ|id_token/);

    const { page: served, form, atProvider } = await followEndSession(browser, redirectTo);
    expect(form.action.href).toBe(`${h.idp.issuer}/session/end`);
    expect(Object.keys(form.fields).sort()).toEqual(['client_id', 'id_token_hint', 'post_logout_redirect_uri', 'state']);
    expect(form.fields).toMatchObject({ client_id: 'bff-test', post_logout_redirect_uri: `${h.origin}/auth/logged-out` });
    expect(form.fields.id_token_hint).toMatch(/^eyJ/);
    // Always a signed state, even for plain /login: some providers come back only with one.
    expect(form.fields.state).toMatch(/^[\w.-]{20,}$/);
    expect(served.headers.get('cache-control')).toBe('no-store');
    expect(served.headers.get('referrer-policy')).toBe('no-referrer');
    expect(served.headers.get('content-type')).toMatch(/^text\/html/);

    // At the IdP: its confirmation page (the POST carried its session), then back to our post-logout URI.
    expect(atProvider.status).toBe(200);
    const confirmed = await confirmAtIdp(browser, atProvider, h.idp.issuer);
    // Back with the state, which is checked, and on to /login.
    const back = new URL(confirmed.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${h.origin}/auth/logged-out`);
    expect(back.searchParams.get('state')).toBe(form.fields.state);
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

  it('the end-session page’s CSP allows its one script (by hash) and forms to the IdP and back to us only; it loads nothing', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const { redirectTo } = (await (await logout(browser)).json()) as { redirectTo: string };
    const { page, html } = await followEndSession(browser, redirectTo);
    const csp = Object.fromEntries(
      page.headers
        .get('content-security-policy')!
        .split(/;\s*/)
        .map((d) => [d.split(' ')[0]!, d.split(' ').slice(1).join(' ')] as const),
    );
    const script = /<script>([^<]*)<\/script>/.exec(html)![1]!;
    const style = /<style>([^<]*)<\/style>/.exec(html)![1]!;
    const hash = (text: string) => `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
    expect(csp).toEqual({
      'default-src': "'none'",
      'script-src': hash(script),
      'style-src': hash(style),
      'form-action': `${new URL(h.idp.issuer).origin} ${h.origin}/auth/logged-out`,
      'base-uri': "'none'",
      'frame-ancestors': "'none'",
    });
    // One script, inline and hashed, and without a script a button does the same.
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toMatch(/<noscript>[\s\S]*<button type="submit">Continue<\/button>[\s\S]*<\/noscript>/);
  });

  it('the end-session page works once: a second visit, an unknown id and a malformed one get a 404 page that links to /login', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const { redirectTo } = (await (await logout(browser)).json()) as { redirectTo: string };
    await followEndSession(browser, redirectTo);
    for (const url of [
      redirectTo,
      `${h.origin}/auth/end-session?id=${'A'.repeat(43)}`,
      `${h.origin}/auth/end-session?id=not-an-id`,
      `${h.origin}/auth/end-session`,
    ]) {
      const again = await navigate(browser, url);
      const html = await again.text();
      expect([url, again.status]).toEqual([url, 404]);
      expect(html).toContain('<a href="/login">');
      expect(html).not.toMatch(/eyJ|<form|<script/);
      expect(again.headers.get('content-security-policy')).toMatch(/^default-src 'none'; style-src 'sha256-[^']+'; form-action 'none'/);
    }
  });

  it('a script’s request or a HEAD gets no form and leaves the hand-off for the browser’s navigation', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const { redirectTo } = (await (await logout(browser)).json()) as { redirectTo: string };
    const attempts = [
      () => browser.request(redirectTo), // Node's fetch, like a page's fetch(): Sec-Fetch-Mode cors
      () => navigate(browser, redirectTo, 'GET', { 'sec-fetch-mode': 'same-origin' }),
      () => navigate(browser, redirectTo, 'GET', { 'sec-fetch-mode': 'no-cors' }),
      () => navigate(browser, redirectTo, 'HEAD'),
    ];
    for (const attempt of attempts) {
      const refused = await attempt();
      const text = await refused.text();
      expect(refused.status).toBe(400);
      expect(text).not.toMatch(/eyJ|<form/);
    }
    expect((await followEndSession(browser, redirectTo)).form.fields.id_token_hint).toMatch(/^eyJ/);
  });

  it('the hand-off lasts two minutes, and any instance on the same database serves it', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const late = (await (await logout(browser)).json()) as { redirectTo: string };
    await signIn(browser, h);
    const elsewhere = (await (await logout(browser)).json()) as { redirectTo: string };
    await h.restartBff();
    try {
      expect((await followEndSession(browser, elsewhere.redirectTo)).atProvider.status).toBe(200);
      h.clock.offsetMs = 121_000;
      const expired = await navigate(browser, late.redirectTo);
      expect([expired.status, await expired.text()]).toEqual([404, expect.stringContaining('expired')]);
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('a hand-off sealed with a SESSION_SECRET no longer configured does not open: a 404 page', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const { redirectTo } = (await (await logout(browser)).json()) as { redirectTo: string };
    h.env.SESSION_SECRET = 'another-session-secret-0123456789-abcdefghij';
    await h.restartBff();
    try {
      const page = await navigate(browser, redirectTo);
      expect(page.status).toBe(404);
      expect(await page.text()).not.toMatch(/eyJ|<form/);
    } finally {
      h.env.SESSION_SECRET = SESSION_SECRET;
      await h.restartBff();
    }
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

  for (const hint of ['sub', 'sid'] as const) {
    it(`OIDC_LOGOUT_HINT=${hint}: a plain redirect to the IdP with client_id and logout_hint, no token, and the IdP session ends`, async () => {
      h.env.OIDC_LOGOUT_HINT = hint;
      await h.restartBff();
      try {
        const browser = new TestBrowser();
        await signIn(browser, h, { user: 'carol' });
        const stored = await h.bff.deps.store.sessions.get(sessionIdOf(browser), Date.now());
        const sid = stored!.data.sid as string;
        expect(sid).toBeTruthy();
        const { redirectTo } = (await (await logout(browser)).json()) as { redirectTo: string };
        const url = new URL(redirectTo);
        expect(`${url.origin}${url.pathname}`).toBe(`${h.idp.issuer}/session/end`);
        expect(Object.fromEntries(url.searchParams)).toEqual({
          client_id: 'bff-test',
          logout_hint: hint === 'sub' ? 'carol' : sid,
          post_logout_redirect_uri: `${h.origin}/auth/logged-out`,
          state: expect.stringMatching(/^[\w.-]{20,}$/) as unknown,
        });
        const confirmed = await confirmAtIdp(browser, await browser.request(url), h.idp.issuer);
        const back = new URL(confirmed.headers.get('location')!);
        expect(`${back.origin}${back.pathname}`).toBe(`${h.origin}/auth/logged-out`);
        const first = await browser.request(await startLogin(browser, h));
        expect(new URL(first.headers.get('location')!, h.idp.issuer).pathname).toMatch(/^\/interaction\//);
      } finally {
        delete h.env.OIDC_LOGOUT_HINT;
        await h.restartBff();
      }
    });
  }
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
    browser.request(`${other.origin}/auth/logout?returnTo=${encodeURIComponent(returnTo)}`, {
      method: 'POST',
      headers: { 'X-CSRF': '1', Origin: FRONTEND },
    });

  it('goes through our end-session page and the IdP’s, and comes back to the frontend that asked', async () => {
    const browser = new TestBrowser();
    await signIn(browser, other);
    const { redirectTo } = (await (await logoutTo(browser, `${FRONTEND}/bye`)).json()) as { redirectTo: string };
    expect(new URL(redirectTo).origin).toBe(other.origin);
    // The frontend may read the logout answer through CORS, but never the page with the ID token.
    const fromFrontend = await browser.request(redirectTo, { headers: { Origin: FRONTEND, 'Sec-Fetch-Mode': 'cors' } });
    expect(fromFrontend.headers.get('access-control-allow-origin')).toBeNull();
    expect(fromFrontend.status).toBe(400);
    const { page, form, atProvider } = await followEndSession(browser, redirectTo);
    expect(page.headers.get('access-control-allow-origin')).toBeNull();
    expect(form.fields.post_logout_redirect_uri).toBe(`${other.origin}/auth/logged-out`);

    const xsrf = /name="xsrf" value="([^"]+)"/.exec(await atProvider.text())![1]!;
    const confirmed = await browser.request(new URL('/session/end/confirm', other.idp.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    const back = new URL(confirmed.headers.get('location')!);
    expect(`${back.origin}${back.pathname}`).toBe(`${other.origin}/auth/logged-out`);
    expect(back.searchParams.get('state')).toBe(form.fields.state);
    const final = await browser.request(back);
    expect(final.status).toBe(302);
    expect(final.headers.get('location')).toBe(`${FRONTEND}/bye`);
  });

  it('/auth/logged-out sends a forged, altered or missing state to /login, never elsewhere', async () => {
    for (const state of [
      '',
      'x.y',
      `${Buffer.from(JSON.stringify({ r: 'https://evil.example/', e: Date.now() + 60_000 })).toString('base64url')}.AAAA`,
    ]) {
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
      const evil = await browser.request(`${local.origin}/auth/logout?returnTo=${encodeURIComponent('https://evil.example/')}`, {
        method: 'POST',
        headers: { 'X-CSRF': '1' },
      });
      expect(await evil.json()).toEqual({ redirectTo: '/login' });
      await signIn(browser, local);
      const ok = await browser.request(`${local.origin}/auth/logout?returnTo=${encodeURIComponent(`${FRONTEND}/bye`)}`, {
        method: 'POST',
        headers: { 'X-CSRF': '1' },
      });
      expect(await ok.json()).toEqual({ redirectTo: `${FRONTEND}/bye` });
    } finally {
      await local.close();
    }
  });
});
