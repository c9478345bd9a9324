import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DevIdp } from '../src/index.js';
import { Browser } from './support/browser.js';
import { authRequest, client, interactionUid, redirectUri, startQuietIdp } from './support/flow.js';

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
    expect(html).toContain('to continue to <strong>SSO Demo</strong>');
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

  it('the consent page names the app, with its client id aside, and the scopes, with Allow and Deny', async () => {
    const { browser, uid } = await openLoginPage();
    const { response, url } = await browser.go(`/interaction/${uid}/login`, { form: { login: 'alice' } });
    const consentUid = interactionUid(url);
    const html = await response.text();
    expect(html).toContain('<strong>SSO Demo</strong> <span class="muted">(client <code>sso-dev</code>)</span>');
    for (const scope of ['openid', 'profile', 'email']) expect(html).toContain(`<code>${scope}</code>`);
    expect(html).toContain(
      `<form method="post" action="/interaction/${consentUid}/confirm"><button type="submit" class="primary" autofocus>Allow</button></form>`,
    );
    expect(html).toContain(
      `<form method="post" action="/interaction/${consentUid}/abort"><button type="submit" class="secondary">Deny</button></form>`,
    );
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
    expect(await response.text()).toContain('Sign-in finished or expired');
  });

  // Regression: Back after signing in showed "Sign-in expired" with no way out.
  it("Back to a finished sign-in says it is over and links to the app's sign-in page, without redirecting", async () => {
    const { browser, uid } = await openLoginPage();
    const consent = await browser.go(`/interaction/${uid}/login`, { form: { login: 'alice' } });
    const consentUid = interactionUid(consent.url);
    const done = await browser.go(`/interaction/${consentUid}/confirm`, { form: {} });
    expect(done.url.searchParams.has('code')).toBe(true);

    for (const old of [consentUid, uid]) {
      const response = await browser.request(`/interaction/${old}`);
      expect(response.status).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      const html = await response.text();
      expect(html).toContain(
        'This sign-in has already finished or expired. If you just signed in, you are already signed in to <strong>SSO Demo</strong>.',
      );
      expect(html).toContain('<a class="primary" href="http://localhost:5173/login">Back to SSO Demo</a>');
      expect(html).not.toMatch(/http-equiv|<script/i);
    }
  });

  it('provider errors render as a readable page without internals', async () => {
    const response = await fetch(`${idp.issuer}/auth?client_id=unknown&response_type=code&scope=openid`);
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Error code: invalid_client');
    expect(html).not.toMatch(/at .*\.js:\d+/);
    expect(html).toContain('<a class="primary" href="http://localhost:5173/login">Back to SSO Demo</a>');
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

  it('a sign-in form over 16 KiB is refused with 413 and signs no one in', async () => {
    const { browser, uid } = await openLoginPage();
    const response = await browser.request(`/interaction/${uid}/login`, { form: { login: 'alice', pad: 'x'.repeat(16 * 1024) } });
    expect(response.status).toBe(413);
    expect(await response.text()).toBe('Payload Too Large');
    // The interaction is still open: the same page signs in with a normal form.
    const signedIn = await browser.request(`/interaction/${uid}/login`, { form: { login: 'alice' } });
    expect(signedIn.status).toBe(303);
  });

  it('Allow before signing in is refused', async () => {
    const { browser, uid } = await openLoginPage();
    const response = await browser.request(`/interaction/${uid}/confirm`, { form: {} });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('does not belong to the current sign-in step');
  });
});

describe('which app the "sign-in is over" page links to', () => {
  it("links to the first registered client's app, name and URL escaped", async () => {
    const idp = await startQuietIdp({
      clients: [
        { ...client, clientName: 'Tom & <Jerry>', appUrl: 'http://localhost:5173/login?next="/a"&b=1' },
        { clientId: 'second', clientSecret: 'second-secret', redirectUris: ['http://localhost:8080/cb'], clientName: 'Second' },
      ],
    });
    try {
      const response = await fetch(`${idp.issuer}/interaction/no-such-interaction`, { redirect: 'manual' });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain(
        '<a class="primary" href="http://localhost:5173/login?next=&quot;/a&quot;&amp;b=1">Back to Tom &amp; &lt;Jerry&gt;</a>',
      );
      expect(html).not.toContain('<Jerry>');
      expect(html).not.toContain('Second');
    } finally {
      await idp.close();
    }
  });

  it('while the interaction still exists, links to the app of its own client, not the first one', async () => {
    const idp = await startQuietIdp({
      clients: [
        client,
        { clientId: 'second', clientSecret: 'second-secret', redirectUris: ['http://localhost:8080/cb'], clientName: 'Second App' },
      ],
    });
    try {
      const browser = new Browser(idp.issuer);
      const request = new URL('/auth', idp.issuer);
      request.search = new URLSearchParams({
        client_id: 'second',
        redirect_uri: 'http://localhost:8080/cb',
        response_type: 'code',
        scope: 'openid',
      }).toString();
      const { url } = await browser.go(request);
      // Another browser (no interaction cookie) posting to it: the page names the interaction's app.
      const response = await new Browser(idp.issuer).request(`/interaction/${interactionUid(url)}/login`, { form: { login: 'alice' } });
      expect(response.status).toBe(400);
      const html = await response.text();
      expect(html).toContain('<a class="primary" href="http://localhost:8080">Back to Second App</a>');
      expect(html).not.toContain('SSO Demo');
    } finally {
      await idp.close();
    }
  });

  it('names no app and links nowhere when no client is registered', async () => {
    const idp = await startQuietIdp({ clients: [] });
    try {
      const html = await (await fetch(`${idp.issuer}/interaction/no-such-interaction`)).text();
      expect(html).toContain('This sign-in has already finished or expired.');
      expect(html).toContain('Go back to the application and start signing in again.');
      expect(html).not.toContain('<a class="primary"');
    } finally {
      await idp.close();
    }
  });
});
