import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { answerFakeProvider } from '../support/fakePage.js';
import { startHarness, type Harness } from '../support/harness.js';
import { startProvidersHarness, type ProvidersHarness } from '../support/providers.js';
import { callbackFor, deliver, me, sessionCookieSet } from './flow.js';

/** Sends one request over a raw socket, exactly as written (fetch cannot send an absolute-form target). */
function rawRequest(origin: string, head: string): Promise<string> {
  const { hostname, port } = new URL(origin);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.write(head));
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('end', () => resolve(Buffer.concat(chunks).toString('latin1')));
    socket.on('error', reject);
  });
}

describe('the callback URL handed to the provider adapter', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h?.close());

  it('is PUBLIC_URL plus path and query: an absolute-form target naming another host still signs in', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    // RFC 9112 §3.2.2: a server must accept `GET http://host/path`. Were its authority used, the token
    // request's redirect_uri would be http://evil.example/… and the IdP would refuse the code.
    const answer = await rawRequest(
      h.origin,
      `GET http://evil.example${callback.pathname}${callback.search} HTTP/1.1\r\nHost: evil.example\r\nCookie: ${browser.cookieHeader(callback)}\r\nConnection: close\r\n\r\n`,
    );
    const [status, ...lines] = answer.split('\r\n\r\n', 1)[0]!.split('\r\n');
    expect(status).toMatch(/^HTTP\/1\.1 302 /);
    expect(lines).toContain('Location: /');
    const sid = lines.find((l) => /^set-cookie: sso\.sid=/i.test(l));
    expect(sid).toBeDefined();
    // The session is real: the cookie it set signs the browser in.
    browser.setCookie(new URL(h.origin), 'sso.sid', sid!.split(':')[1]!.trim().split(';')[0]!.slice('sso.sid='.length));
    for (const line of lines.filter((l) => /^set-cookie: sso\.sid\.sig=/i.test(l))) {
      browser.setCookie(new URL(h.origin), 'sso.sid.sig', line.split(':')[1]!.trim().split(';')[0]!.slice('sso.sid.sig='.length));
    }
    expect((await me(browser, h)).status).toBe(200);
  });
});

describe('GitHub and Facebook refuse a callback with a parameter twice, as the OIDC path does', () => {
  let p: ProvidersHarness;
  beforeAll(async () => {
    p = await startProvidersHarness();
  });
  afterAll(() => p?.close());

  it.each(['github', 'facebook'] as const)(
    '%s: the real code plus a second one is invalid_provider_response, no session',
    async (provider) => {
      const browser = new TestBrowser();
      const start = await browser.request(`${p.origin}/auth/login/${provider}`);
      const callback = await answerFakeProvider(browser, new URL(start.headers.get('location')!), { user: 'alice' });
      // Which code would be redeemed? One of them may be an attacker's (code injection).
      callback.searchParams.append('code', 'AQinjected');
      const result = await deliver(browser, callback);
      expect(result.location).toBe('/login?error=invalid_provider_response');
      expect(sessionCookieSet(result.setCookies)).toBe(false);
      expect((await me(browser, p)).status).toBe(401);
    },
  );

  it.each(['github', 'facebook'] as const)('%s: two states are invalid_state, no session', async (provider) => {
    const browser = new TestBrowser();
    const start = await browser.request(`${p.origin}/auth/login/${provider}`);
    const callback = await answerFakeProvider(browser, new URL(start.headers.get('location')!), { user: 'alice' });
    callback.searchParams.append('state', callback.searchParams.get('state')!);
    const result = await deliver(browser, callback);
    expect(result.location).toBe('/login?error=invalid_state');
    expect(sessionCookieSet(result.setCookies)).toBe(false);
  });
});
