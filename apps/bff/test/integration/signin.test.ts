import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeResponseSchema } from '@sso/profile';
import { createHmac } from 'node:crypto';
import { sessionIdOf, TestBrowser } from '../support/browser.js';
import { followEndSession } from '../support/endSession.js';
import { SESSION_SECRET, startHarness, type Harness } from '../support/harness.js';
import { callbackFor, deliver, me, signIn, startLogin } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

describe('sign-in against the real dev IdP', () => {
  it('lists the configured providers with absolute login URLs', async () => {
    const response = await fetch(`${h.origin}/auth/providers`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual([{ id: 'oidc', name: 'Test IdP', loginUrl: `${h.origin}/auth/login/oidc` }]);
  });

  it('the redirect to the provider carries PKCE S256, state and nonce, and our exact callback URL', async () => {
    const browser = new TestBrowser();
    const authorize = await startLogin(browser, h, 'oidc', '/profile');
    expect(authorize.origin).toBe(new URL(h.idp.issuer).origin);
    const p = authorize.searchParams;
    expect(p.get('response_type')).toBe('code');
    expect(p.get('client_id')).toBe('bff-test');
    expect(p.get('redirect_uri')).toBe(`${h.origin}/auth/callback/oidc`);
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[\w-]{43}$/);
    expect(p.get('state')!.length).toBeGreaterThanOrEqual(32);
    expect(p.get('nonce')!.length).toBeGreaterThanOrEqual(32);
    // The login-transaction cookie: HttpOnly and SameSite=Lax so that it survives the provider's redirect back.
    expect(browser.cookie('sso.login')?.attributes).toMatch(/httponly/i);
    expect(browser.cookie('sso.login')?.attributes).toMatch(/samesite=lax/i);
  });

  it('signs in end to end, lands on returnTo, and /auth/me returns the profile and no token', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h, { user: 'alice', returnTo: '/profile?tab=1' });
    const result = await deliver(browser, callback);
    expect(result.status).toBe(302);
    expect(result.location).toBe('/profile?tab=1');
    const cookie = result.setCookies.find((c) => c.startsWith('sso.sid='))!;
    expect(cookie).toMatch(/httponly/i);
    expect(cookie).toMatch(/samesite=strict/i);
    expect(cookie).not.toMatch(/secure/i); // http loopback PUBLIC_URL

    const { status, body } = await me(browser, h);
    expect(status).toBe(200);
    const parsed = MeResponseSchema.parse(body);
    expect(parsed.provider).toBe('oidc');
    expect(parsed.user).toMatchObject({
      provider: 'oidc',
      subject: 'alice',
      name: 'Alice Liddell',
      email: 'alice@example.com',
      emailVerified: true,
      avatarUrl: `${h.idp.issuer}/avatars/alice.svg`,
    });
    // The session ends at the idle timeout (2 h) unless used, and at 8 h whatever happens.
    const hour = 3600 * 1000;
    expect(Date.parse(parsed.expiresAt)).toBe(Date.parse(parsed.idleExpiresAt));
    expect(Date.parse(parsed.idleExpiresAt)).toBeGreaterThan(Date.now() + 1.9 * hour);
    expect(Date.parse(parsed.idleExpiresAt)).toBeLessThanOrEqual(Date.now() + 2 * hour);
    expect(Date.parse(parsed.absoluteExpiresAt)).toBeGreaterThan(Date.now() + 7.9 * hour);
    expect(Date.parse(parsed.absoluteExpiresAt)).toBeLessThanOrEqual(Date.now() + 8 * hour);
    // The browser never sees a token.
    expect(JSON.stringify(body)).not.toMatch(/eyJ|access_token|refresh_token|id_token/);
  });

  it('a user whose provider does not vouch for the email is shown as not verified', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'bob' });
    const { body } = await me(browser, h);
    expect(body.user).toMatchObject({ subject: 'bob', emailVerified: false });
  });

  it('a returning user keeps the same app user id; another user gets another', async () => {
    const first = new TestBrowser();
    await signIn(first, h, { user: 'carol' });
    const second = new TestBrowser();
    await signIn(second, h, { user: 'carol' });
    const other = new TestBrowser();
    await signIn(other, h, { user: 'alice' });
    const [a, b, c] = await Promise.all([me(first, h), me(second, h), me(other, h)]);
    expect(a.body.user.id).toBe(b.body.user.id);
    expect(c.body.user.id).not.toBe(a.body.user.id);
    expect(a.body.user.avatarUrl).toBeNull(); // carol has no picture
  });

  it('signing in again in the same browser issues a new session id and retires the old one', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const before = browser.cookie('sso.sid')!.value;
    // The IdP remembers its own session, so the second round signs in the same person again.
    await signIn(browser, h);
    const after = browser.cookie('sso.sid')!.value;
    expect(after).not.toBe(before);
    expect((await me(browser, h)).status).toBe(200);

    const stale = new TestBrowser();
    stale.setCookie(new URL(h.origin), 'sso.sid', before);
    expect((await me(stale, h)).status).toBe(401);
  });

  it('two tabs signing in at once both succeed', async () => {
    const browser = new TestBrowser();
    const tab1 = await startLogin(browser, h, 'oidc', '/one');
    const tab2 = await startLogin(browser, h, 'oidc', '/two');
    const { authorizeAtIdp } = await import('../support/idp.js');
    const callback2 = await authorizeAtIdp(browser, tab2, h.origin, { user: 'bob' });
    const callback1 = await authorizeAtIdp(browser, tab1, h.origin);
    expect((await deliver(browser, callback2)).location).toBe('/two');
    // The other tab's login still needs the binding cookie; once it is done, the cookie goes.
    expect(browser.cookie('sso.login')).toBeDefined();
    expect((await deliver(browser, callback1)).location).toBe('/one');
    expect(browser.cookie('sso.login')).toBeUndefined();
    expect((await me(browser, h)).body.user.subject).toBe('bob');
  });

  it('leaves the browser one session cookie: a signed id of 66 characters, no signature cookie, no login cookie', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const url = new URL('/auth/me', h.origin);
    expect(browser.cookie('sso.sid')!.value).toMatch(/^[\w-]{43}\.[\w-]{22}$/);
    expect(browser.cookie('sso.sid.sig')).toBeUndefined();
    expect(browser.cookie('sso.login')).toBeUndefined();
    // The jar also holds the dev IdP's cookies (same host, another port): ours are those named sso.*.
    const ours = browser
      .cookieHeader(url)
      .split('; ')
      .filter((pair) => pair.startsWith('sso.'));
    expect(ours.map((pair) => pair.split('=')[0])).toEqual(['sso.sid']);
    expect(Buffer.byteLength(ours.join('; '))).toBeLessThanOrEqual(100);
  });

  it('a session cookie of the previous two-cookie format keeps working once, then is replaced by the new one', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const id = sessionIdOf(browser);
    // What koa-session set: the bare id, and Keygrip's HMAC-SHA1 of `name=value` in `.sig`.
    const sig = createHmac('sha1', SESSION_SECRET).update(`sso.sid=${id}`).digest('base64url');
    const legacy = new TestBrowser();
    legacy.setCookie(new URL(h.origin), 'sso.sid', id);
    legacy.setCookie(new URL(h.origin), 'sso.sid.sig', sig);
    expect((await me(legacy, h)).status).toBe(200);
    expect(legacy.cookie('sso.sid')!.value).toBe(browser.cookie('sso.sid')!.value);
    expect(legacy.cookie('sso.sid.sig')).toBeUndefined();
    expect((await me(legacy, h)).status).toBe(200);
  });

  it('a restart of the BFF keeps everyone signed in (sessions live in SQLite)', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const before = await me(browser, h);
    await h.restartBff();
    const after = await me(browser, h);
    expect(after.status).toBe(200);
    expect(after.body.user.id).toBe(before.body.user.id);
  });
});

describe('sign-out', () => {
  it('without X-CSRF: 1 is refused with 403 and the session survives', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const response = await browser.request(`${h.origin}/auth/logout`, { method: 'POST' });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'csrf_failed' });
    expect((await me(browser, h)).status).toBe(200);
  });

  it('from a foreign Origin is refused even with the header', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const response = await browser.request(`${h.origin}/auth/logout`, {
      method: 'POST',
      headers: { 'X-CSRF': '1', Origin: 'https://evil.example' },
    });
    expect(response.status).toBe(403);
    expect((await me(browser, h)).status).toBe(200);
  });

  it('with the header destroys the session on the server, so the old cookie is worthless', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const sid = browser.cookie('sso.sid')!.value;
    const response = await browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1', Origin: h.origin } });
    expect(response.status).toBe(200);
    // Full logout: the answer sends the browser on, through our end-session page, to the IdP to end its session too.
    const { redirectTo } = (await response.json()) as { redirectTo: string };
    const { form } = await followEndSession(browser, redirectTo);
    expect(form.action.origin).toBe(new URL(h.idp.issuer).origin);
    expect(form.fields.post_logout_redirect_uri).toBe(`${h.origin}/auth/logged-out`);
    expect(form.fields.id_token_hint).toMatch(/^eyJ/);
    expect((await me(browser, h)).status).toBe(401);

    const replay = new TestBrowser();
    replay.setCookie(new URL(h.origin), 'sso.sid', sid);
    expect((await me(replay, h)).status).toBe(401);
  });
});

describe('the rest of the API', () => {
  it('/auth/me without a session is JSON 401, never a redirect', async () => {
    const response = await fetch(`${h.origin}/auth/me`, { redirect: 'manual' });
    expect(response.status).toBe(401);
    expect(response.headers.get('content-type')).toMatch(/application\/json/);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.json()).toEqual({ error: 'unauthenticated', message: 'You are not signed in.' });
  });

  it('/healthz answers 200; an unknown API path answers JSON 404', async () => {
    expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
    const response = await fetch(`${h.origin}/auth/nothing-here`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'not_found' });
  });

  it('sends security headers: a document’s on the sign-in navigation, data’s on JSON', async () => {
    const navigation = await fetch(`${h.origin}/auth/login/oidc`, { redirect: 'manual' });
    expect(navigation.status).toBe(302);
    expect(navigation.headers.get('content-security-policy')).toMatch(/default-src 'self'/);
    expect(navigation.headers.get('content-security-policy')).toMatch(/frame-ancestors 'none'/);
    const json = await fetch(`${h.origin}/healthz`);
    expect(json.headers.get('content-security-policy')).toBe("default-src 'none'; frame-ancestors 'none'");
    for (const response of [navigation, json]) {
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('no-referrer');
    }
  });
});
