import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DevIdp } from '../src/index.js';
import { Browser } from './support/browser.js';
import { authRequest, interactionUid, redirectUri, startQuietIdp } from './support/flow.js';

describe('interaction pages', () => {
  let idp: DevIdp;
  beforeAll(async () => {
    idp = await startQuietIdp();
  });
  afterAll(() => idp.close());

  async function openLoginPage(extra: Record<string, string> = {}) {
    const browser = new Browser(idp.issuer);
    const request = authRequest(idp.issuer, 'openid profile email', extra);
    const { response, url } = await browser.go(request.url);
    return { browser, request, response, uid: interactionUid(url), html: await response.text() };
  }

  it('the sign-in page offers one button per demo user, a username field and Cancel', async () => {
    const { response, uid, html } = await openLoginPage();
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain(`<form method="post" action="/interaction/${uid}/login" class="users">`);
    for (const id of ['alice', 'bob', 'carol']) expect(html).toContain(`name="login" value="${id}"`);
    expect(html).toContain('Alice Liddell<small>alice@example.com</small>');
    expect(html).toContain('<input type="text" name="login"');
    expect(html).toContain('>Sign in</button>');
    expect(html).toContain(`action="/interaction/${uid}/abort"`);
    expect(html).toContain('>Cancel</button>');
    expect(html).toContain('Dev IdP — for local development only');
  });

  it('pre-fills the username field from login_hint, escaped', async () => {
    const { html } = await openLoginPage({ login_hint: '"><b>bob' });
    expect(html).toContain('value="&quot;&gt;&lt;b&gt;bob"');
    expect(html).not.toContain('<b>bob');
  });

  it('an unknown username re-renders the sign-in page with an escaped error', async () => {
    const { browser, uid } = await openLoginPage();
    const response = await browser.request(`/interaction/${uid}/login`, { form: { login: '<script>x</script>' } });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('No demo user named “&lt;script&gt;x&lt;/script&gt;”.');
    expect(html).not.toContain('<script>');
    expect(html).toContain('name="login" value="alice"');
  });

  it('the consent page names the client and the scopes, with Allow and Deny', async () => {
    const { browser, uid } = await openLoginPage();
    const { response, url } = await browser.go(`/interaction/${uid}/login`, { form: { login: 'alice' } });
    const consentUid = interactionUid(url);
    const html = await response.text();
    expect(html).toContain('<strong>sso-dev</strong>');
    for (const scope of ['openid', 'profile', 'email']) expect(html).toContain(`<code>${scope}</code>`);
    expect(html).toContain(`<form method="post" action="/interaction/${consentUid}/confirm"><button type="submit" class="primary" autofocus>Allow</button></form>`);
    expect(html).toContain(`<form method="post" action="/interaction/${consentUid}/abort"><button type="submit" class="secondary">Deny</button></form>`);
    expect(html).toContain('Signed in as Alice Liddell');
  });

  it('Cancel on the sign-in page sends access_denied to the redirect URI', async () => {
    const { browser, request, uid } = await openLoginPage();
    const { url } = await browser.go(`/interaction/${uid}/abort`, { form: {} });
    expect(`${url.origin}${url.pathname}`).toBe(redirectUri);
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe(request.state);
    expect(url.searchParams.has('code')).toBe(false);
  });

  it('Deny on the consent page sends access_denied to the redirect URI', async () => {
    const { browser, request, uid } = await openLoginPage();
    const consent = await browser.go(`/interaction/${uid}/login`, { form: { login: 'bob' } });
    const { url } = await browser.go(`/interaction/${interactionUid(consent.url)}/abort`, { form: {} });
    expect(url.searchParams.get('error')).toBe('access_denied');
    expect(url.searchParams.get('state')).toBe(request.state);
  });

  it('a form posted without the interaction cookie shows a readable "expired" page, not a crash', async () => {
    const { uid } = await openLoginPage();
    const response = await new Browser(idp.issuer).request(`/interaction/${uid}/login`, { form: { login: 'alice' } });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Sign-in expired');
  });

  it('a form posted to another interaction than the cookie names is refused', async () => {
    const first = await openLoginPage();
    const { browser } = first;
    const second = await browser.go(authRequest(idp.issuer).url);
    // The second interaction's cookie is path-scoped, so send it to the first one's URL by hand.
    const cookie = browser.cookieHeader(new URL(second.url.pathname, idp.issuer));
    const response = await fetch(`${idp.issuer}/interaction/${first.uid}/login`, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'login=alice',
      redirect: 'manual',
    });
    expect(response.status).toBe(400);
  });

  it('Allow before signing in is refused', async () => {
    const { browser, uid } = await openLoginPage();
    const response = await browser.request(`/interaction/${uid}/confirm`, { form: {} });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('does not belong to the current sign-in step');
  });

  it('provider errors render as a readable page without internals', async () => {
    const response = await fetch(`${idp.issuer}/auth?client_id=unknown&response_type=code&scope=openid`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Error code: invalid_client');
    expect(html).not.toMatch(/at .*\.js:\d+/);
  });
});
