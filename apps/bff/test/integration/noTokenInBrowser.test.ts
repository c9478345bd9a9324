import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openSessionTokens } from '../../src/auth/session.js';
import { TokenCipher } from '../../src/auth/tokenCipher.js';
import { sessionIdOf, TestBrowser } from '../support/browser.js';
import { navigate, readEndSessionForm } from '../support/endSession.js';
import { SESSION_SECRET, startHarness, type Harness } from '../support/harness.js';
import { startRecordingUpstream } from '../support/upstream.js';
import { callbackFor } from './flow.js';

let h: Harness;
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  h = await startHarness({ env: { API_ROUTES: `/api/rec=${upstream.url}/base|GET,POST` } });
});
afterAll(async () => {
  await h?.close();
  await upstream?.close();
});

/** One answer of the BFF as the browser got it: status line, every header, the body. */
interface Seen {
  what: string;
  text: string;
}

/** A browser that keeps every answer it gets from the BFF (not those from the IdP). */
class RecordingBrowser extends TestBrowser {
  readonly seen: Seen[] = [];

  async record(what: string, response: Response): Promise<Response> {
    const body = await response.clone().text();
    const headers = [...response.headers].map(([name, value]) => `${name}: ${value}`).join('\n');
    this.seen.push({ what, text: `${response.status}\n${headers}\n${response.headers.getSetCookie().join('\n')}\n\n${body}` });
    return response;
  }

  override async request(input: string | URL, init: RequestInit = {}): Promise<Response> {
    const response = await super.request(input, init);
    const url = new URL(input);
    return url.origin === h.origin ? this.record(`${init.method ?? 'GET'} ${url.pathname}`, response) : response;
  }
}

/** Each token whole, and each part of a JWT on its own: half a token in an answer is a leak too. */
function needles(tokens: Record<string, string>): Array<[string, string]> {
  return Object.entries(tokens).flatMap(([name, token]) => [
    [name, token] as [string, string],
    ...token
      .split('.')
      .slice(1)
      .filter((part) => part.length >= 16)
      .map((part, i) => [`${name} part ${i + 2}`, part] as [string, string]),
  ]);
}

describe('no token in the browser', () => {
  it('a sign-in, API calls and the full sign-out: no answer, redirect or URL of the BFF carries a token the provider issued, except the ID token in the one sign-out form', async () => {
    const browser = new RecordingBrowser({ accept: 'application/json' });
    const callback = await callbackFor(browser, h, { user: 'alice', returnTo: '/profile' });
    const code = callback.searchParams.get('code')!;
    expect((await browser.request(callback)).status).toBe(302);

    // What the provider issued, read where only the server can: the session's sealed tokens.
    const sessionId = sessionIdOf(browser);
    const sealed = (await h.bff.deps.store.sessions.getTokens(sessionId, Date.now()))!.sealed!;
    const tokens = openSessionTokens(new TokenCipher([SESSION_SECRET]), sessionId, sealed)!;
    expect(tokens.refreshToken, 'the IdP issues refresh tokens').toBeTruthy();
    const issued = {
      'access token': tokens.accessToken,
      'refresh token': tokens.refreshToken!,
      'ID token': tokens.idToken!,
      'authorization code': code,
    };
    for (const token of Object.values(issued)) expect(token.length).toBeGreaterThan(20);

    const csrf = { 'X-CSRF': '1' };
    for (const path of ['/auth/me', '/auth/providers', '/auth/identities', '/auth/sessions', '/api/rec/items?x=1']) {
      expect((await browser.request(`${h.origin}${path}`)).status, path).toBe(200);
    }
    const post = await browser.request(`${h.origin}/api/rec/orders`, {
      method: 'POST',
      headers: { ...csrf, 'content-type': 'application/json' },
      body: '{"n":1}',
    });
    expect(post.status).toBe(200);
    // The proxy did use the access token, on the server's side of the proxy.
    expect(upstream.requests.map((r) => r.headers.authorization)).toEqual([`Bearer ${tokens.accessToken}`, `Bearer ${tokens.accessToken}`]);

    // Sign-out: our answer, our end-session page (a navigation), the IdP, back through /auth/logged-out.
    const { redirectTo } = (await (await browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: csrf })).json()) as {
      redirectTo: string;
    };
    const page = await browser.record('GET /auth/end-session', await navigate(browser, redirectTo));
    const html = await page.text();
    const form = readEndSessionForm(html);
    const atIdp = await browser.request(form.action, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form.fields).toString(),
    });
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(await atIdp.text())![1]!;
    const confirmed = await browser.request(new URL('/session/end/confirm', h.idp.issuer), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ xsrf, logout: 'yes' }).toString(),
    });
    const back = await browser.request(confirmed.headers.get('location')!);
    expect([back.status, back.headers.get('location')]).toEqual([302, '/login']);
    expect((await browser.request(`${h.origin}/auth/me`)).status).toBe(401);

    const pages = browser.seen.map((s) => s.what);
    for (const expected of [
      'GET /auth/login/oidc',
      'GET /auth/callback/oidc',
      'GET /api/rec/items',
      'POST /api/rec/orders',
      'POST /auth/logout',
      'GET /auth/end-session',
      'GET /auth/logged-out',
    ]) {
      expect(pages).toContain(expected);
    }
    const endSessionPage = browser.seen.find((s) => s.what === 'GET /auth/end-session')!;
    for (const seen of browser.seen) {
      for (const [name, needle] of needles(issued)) {
        const allowed = seen === endSessionPage && name.startsWith('ID token');
        if (!allowed) expect(seen.text.includes(needle), `${name} in the answer to ${seen.what}`).toBe(false);
      }
    }
    // There, exactly once: as the value of the form's id_token_hint, and nowhere else on the page.
    expect(endSessionPage.text.split(tokens.idToken!)).toHaveLength(2);
    expect(html).toContain(`<input type="hidden" name="id_token_hint" value="${tokens.idToken}">`);
    // And no URL the browser was sent to carried one (redirectTo, Location headers, the form's action).
    for (const url of [redirectTo, form.action.href, ...browser.seen.flatMap((s) => /^location: (.*)$/m.exec(s.text)?.[1] ?? [])]) {
      for (const [name, needle] of needles(issued)) expect(url.includes(needle), `${name} in ${url}`).toBe(false);
    }
  });
});
