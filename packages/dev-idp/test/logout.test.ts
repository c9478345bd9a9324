import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DevIdp } from '../src/index.js';
import { Browser } from './support/browser.js';
import { authRequest, exchangeCode, interactionUid, redirectUri, signIn, startQuietIdp } from './support/flow.js';

describe('RP-initiated logout', () => {
  let idp: DevIdp;
  beforeAll(async () => {
    idp = await startQuietIdp();
  });
  afterAll(() => idp.close());

  /** Signs alice in with a new browser and opens /session/end as the BFF sends her there. */
  async function openLogoutPage(
    params: Record<string, string> = { post_logout_redirect_uri: 'http://localhost:3000/login', state: 'bye' },
  ) {
    const browser = new Browser(idp.issuer);
    const request = authRequest(idp.issuer);
    const callback = await signIn(browser, request);
    const tokens = (await (await exchangeCode(idp.issuer, callback.searchParams.get('code')!, request.verifier)).json()) as {
      id_token: string;
    };
    const endSession = new URL('/session/end', idp.issuer);
    endSession.search = new URLSearchParams({ id_token_hint: tokens.id_token, ...params }).toString();
    const page = await browser.go(endSession);
    const html = await page.response.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    if (!xsrf) throw new Error(`no logout form: ${html}`);
    return { browser, status: page.response.status, html, xsrf };
  }

  /** Whether a new authorization request in this browser has to sign in again. */
  async function asksToSignIn(browser: Browser): Promise<boolean> {
    const again = await browser.go(authRequest(idp.issuer).url);
    if (again.url.href.startsWith(redirectUri)) return false;
    interactionUid(again.url);
    return (await again.response.text()).includes('class="users"');
  }

  it('confirming sign-out ends the session and returns to the post-logout redirect URI with state', async () => {
    const { browser, status, html, xsrf } = await openLogoutPage();
    expect(status).toBe(200);
    expect(html).toContain('name="logout" value="yes"');

    const { url } = await browser.go('/session/end/confirm', { form: { xsrf, logout: 'yes' } });
    expect(url.href).toBe('http://localhost:3000/login?state=bye');
    expect(await asksToSignIn(browser)).toBe(true);
  });

  // Regression: the page named the raw client id and offered "No, stay signed in" to an app that had
  // already ended its own session.
  it('names the app, says it is already signed out of it, and asks only about the Dev IdP', async () => {
    const { html } = await openLogoutPage();
    expect(html).toContain('<h1>You are signed out of SSO Demo</h1>');
    expect(html).toContain('<p>Also sign out of the Dev IdP?</p>');
    expect(html).toContain('<button type="submit" form="op.logoutForm" class="secondary">Stay signed in to the Dev IdP</button>');
    expect(html).toContain(
      '<button type="submit" form="op.logoutForm" name="logout" value="yes" class="primary" autofocus>Sign out of the Dev IdP</button>',
    );
    expect(html).not.toContain('sso-dev');
    expect(html).not.toMatch(/No, stay signed in|Yes, sign me out|sign out of the Dev IdP and/i);
  });

  it('"Stay signed in to the Dev IdP" returns to the app and keeps the Dev IdP session', async () => {
    const { browser, xsrf } = await openLogoutPage();
    const { url } = await browser.go('/session/end/confirm', { form: { xsrf } });
    expect(url.href).toBe('http://localhost:3000/login?state=bye');
    expect(await asksToSignIn(browser)).toBe(false);
  });

  it('without id_token_hint or client_id it asks about the Dev IdP alone and names no app', async () => {
    const browser = new Browser(idp.issuer);
    await signIn(browser, authRequest(idp.issuer));
    const { response } = await browser.go('/session/end');
    const html = await response.text();
    expect(html).toContain('<h1>Sign out of the Dev IdP?</h1>');
    expect(html).not.toContain('You are signed out of');
    expect(html).not.toContain('SSO Demo');
  });

  it('without a post-logout redirect URI, the signed-out page says what ended and links back to the app', async () => {
    const idpToo = await openLogoutPage({});
    const signedOut = await idpToo.browser.go('/session/end/confirm', { form: { xsrf: idpToo.xsrf, logout: 'yes' } });
    const allGone = await signedOut.response.text();
    expect(allGone).toContain('You are signed out of the Dev IdP.');
    expect(allGone).toContain('<a class="primary" href="http://localhost:5173/login">Back to SSO Demo</a>');

    const appOnly = await openLogoutPage({});
    const stayed = await appOnly.browser.go('/session/end/confirm', { form: { xsrf: appOnly.xsrf } });
    const idpKept = await stayed.response.text();
    expect(idpKept).toContain('You are signed out of <strong>SSO Demo</strong>. You are still signed in to the Dev IdP.');
    expect(idpKept).toContain('<a class="primary" href="http://localhost:5173/login">Back to SSO Demo</a>');
    expect(idpKept).not.toContain('sso-dev');
  });

  // RP-Initiated Logout 1.0 §2: providers must accept POST, and the BFF posts the ID token from its
  // own origin so that the token is never in a URL; the IdP session cookie has to come along.
  it('accepts the logout request as a form POST, with the session cookie SameSite=None and Secure', async () => {
    const browser = new Browser(idp.issuer);
    const request = authRequest(idp.issuer);
    const callback = await signIn(browser, request);
    const tokens = (await (await exchangeCode(idp.issuer, callback.searchParams.get('code')!, request.verifier)).json()) as {
      id_token: string;
    };
    const page = await browser.request('/session/end', {
      form: { id_token_hint: tokens.id_token, post_logout_redirect_uri: 'http://localhost:3000/login', state: 'bye', client_id: 'sso-dev' },
    });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('<h1>You are signed out of SSO Demo</h1>');
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)![1]!;
    const { url } = await browser.go('/session/end/confirm', { form: { xsrf, logout: 'yes' } });
    expect(url.href).toBe('http://localhost:3000/login?state=bye');
    expect(await asksToSignIn(browser)).toBe(true);

    const again = new Browser(idp.issuer);
    await signIn(again, authRequest(idp.issuer));
    const sessionCookies = (await again.request(authRequest(idp.issuer).url)).headers
      .getSetCookie()
      .filter((c) => c.startsWith('_session='));
    expect(sessionCookies.length).toBeGreaterThan(0);
    for (const cookie of sessionCookies) expect(cookie).toMatch(/; samesite=none;.*; secure(;|$)/i);
  });
});
