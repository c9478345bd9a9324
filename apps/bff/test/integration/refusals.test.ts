import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdOf, TestBrowser } from '../support/browser.js';
import { startTwoProviderHarness, type Harness } from '../support/harness.js';
import { callbackFor, deliver, me, sessionCookieSet, signIn, startLogin } from './flow.js';

let h: Harness;
beforeAll(async () => {
  // A second provider ("dev") for the mix-up tests.
  h = await startTwoProviderHarness();
});
afterAll(async () => {
  await h?.close();
});

function expectRefused(result: { status: number; location: string | null; setCookies: string[] }, code: string) {
  expect(result.status).toBe(302);
  expect(result.location).toBe(`/login?error=${code}`);
  expect(sessionCookieSet(result.setCookies)).toBe(false);
}

// Refusals that need no sign-in and reach no provider: test/http/refusals.test.ts.
describe('the callback refuses', () => {
  it('a tampered state, and creates no session', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    callback.searchParams.set('state', `${callback.searchParams.get('state')}x`);
    expectRefused(await deliver(browser, callback), 'invalid_state');
    expect((await me(browser, h)).status).toBe(401);
  });

  it('a callback with no state at all', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    callback.searchParams.delete('state');
    expectRefused(await deliver(browser, callback), 'invalid_state');
  });

  it('a replayed callback: the first delivery signs in, a replay once signed out is refused and creates no session', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    expect((await deliver(browser, callback)).location).toBe('/');
    const signOut = await browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1' } });
    expect(signOut.status).toBe(200);
    const replay = await deliver(browser, callback);
    expectRefused(replay, 'login_replayed');
    expect((await me(browser, h)).status).toBe(401);
  });

  it('going back to a used callback while still signed in leads to where the sign-in went, with no new session', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h, { returnTo: '/profile?tab=devices' });
    expect((await deliver(browser, callback)).location).toBe('/profile?tab=devices');
    const sid = browser.cookie('sso.sid')!.value;
    const back = await deliver(browser, callback);
    expect(back.status).toBe(302);
    expect(back.location).toBe('/profile?tab=devices');
    expect(sessionCookieSet(back.setCookies)).toBe(false);
    expect(browser.cookie('sso.sid')!.value).toBe(sid);
    expect((await me(browser, h)).status).toBe(200);
  });

  it('a callback without the browser cookie that started the login, which then still works in the right browser', async () => {
    const victim = new TestBrowser();
    const callback = await callbackFor(victim, h);
    const attacker = new TestBrowser();
    expectRefused(await deliver(attacker, callback), 'login_cookie_missing');
    expect((await me(attacker, h)).status).toBe(401);
    // The stranger's attempt did not use up the real login.
    expect((await deliver(victim, callback)).status).toBe(302);
    expect((await me(victim, h)).status).toBe(200);
  });

  it("a callback carrying another browser's login cookie", async () => {
    const victim = new TestBrowser();
    const callback = await callbackFor(victim, h);
    const other = new TestBrowser();
    await startLogin(other, h); // gets its own, different binding cookie
    expectRefused(await deliver(other, callback), 'login_cookie_missing');
  });

  it('a login that took longer than LOGIN_TIMEOUT', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    h.clock.offsetMs = 11 * 60 * 1000;
    try {
      expectRefused(await deliver(browser, callback), 'login_expired');
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('a code and state delivered to another provider’s callback (mix-up), before any token request', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h, { provider: 'oidc' });
    const mixedUp = new URL(callback);
    mixedUp.pathname = '/auth/callback/dev';
    expectRefused(await deliver(browser, mixedUp), 'provider_mismatch');
    // The code was never redeemed at the token endpoint, yet the transaction is burnt.
    expectRefused(await deliver(browser, callback), 'login_replayed');
  });

  it('an authorization code that the provider already redeemed (refused by the provider, not by us)', async () => {
    const browser = new TestBrowser();
    const used = await callbackFor(browser, h);
    await deliver(browser, used);
    // A fresh login whose callback carries the old code: our checks pass, the token endpoint says invalid_grant.
    const fresh = await callbackFor(browser, h);
    fresh.searchParams.set('code', used.searchParams.get('code')!);
    expectRefused(await deliver(browser, fresh), 'provider_error');
  });

  it('a callback whose iss parameter names another issuer (RFC 9207)', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    callback.searchParams.set('iss', 'https://evil.example');
    expectRefused(await deliver(browser, callback), 'invalid_provider_response');
  });

  it('a refused consent lands on the sign-in page with access_denied', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h, { user: 'carol', consent: 'deny' });
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expectRefused(await deliver(browser, callback), 'access_denied');
  });

  it('a cancelled sign-in at the provider lands on the sign-in page with access_denied', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h, { cancel: true });
    expectRefused(await deliver(browser, callback), 'access_denied');
  });
});

describe('the login endpoint refuses', () => {
  it.each(['https://evil.example/steal', '//evil.example/steal', '/\\evil.example', 'javascript:alert(1)'])(
    'a returnTo on another origin (%s) and returns to / instead',
    async (returnTo) => {
      const browser = new TestBrowser();
      expect(await signIn(browser, h, { returnTo })).toBe('/');
    },
  );
});

describe('/auth/me refuses', () => {
  it('a real session id with a forged signature, or with none', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const id = sessionIdOf(browser);
    browser.setCookie(new URL(h.origin), 'sso.sid', `${id}.${'A'.repeat(22)}`);
    expect((await me(browser, h)).status).toBe(401);
    // The previous format without its signature cookie is no better.
    browser.setCookie(new URL(h.origin), 'sso.sid', id);
    expect((await me(browser, h)).status).toBe(401);
    browser.setCookie(new URL(h.origin), 'sso.sid.sig', 'AAAAAAAAAAAAAAAAAAAAAAAAAAA');
    expect((await me(browser, h)).status).toBe(401);
  });

  it('a session past its absolute lifetime', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    h.clock.offsetMs = 8 * 60 * 60 * 1000 + 1000;
    try {
      expect((await me(browser, h)).status).toBe(401);
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});
