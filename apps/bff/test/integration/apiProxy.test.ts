import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sessionIdOf, TestBrowser } from '../support/browser.js';
import { CLIENT_ID, CLIENT_SECRET, restartCapturingLog, startHarness, type Harness } from '../support/harness.js';
import { startRecordingUpstream, type RecordedRequest } from '../support/upstream.js';
import { me, signIn } from './flow.js';
import { openSessionTokens } from '../../src/auth/session.js';
import { TokenCipher } from '../../src/auth/tokenCipher.js';

let h: Harness;
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;
const logs: string[] = [];

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  h = await startHarness({
    env: {
      LOG_LEVEL: 'info',
      API_ROUTES: `/api/rec=${upstream.url}/base|GET,POST; /api/ro=${upstream.url}/ro; /api/down=http://127.0.0.1:9/x`,
    },
  });
  // Capture the log to count refreshes.
  await restartCapturingLog(h, logs, 'info');
});
afterAll(async () => {
  await h?.close();
  await upstream?.close();
});

const last = (): RecordedRequest => upstream.requests[upstream.requests.length - 1]!;

describe('API proxy (token handler)', () => {
  it('refuses without a session (JSON 401) and never calls the upstream', async () => {
    const before = upstream.requests.length;
    const response = await fetch(`${h.origin}/api/rec/items`);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
    expect(upstream.requests.length).toBe(before);
  });

  it('forwards a signed-in GET with the access token, and neither our cookies nor our headers', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const response = await browser.request(`${h.origin}/api/rec/items?x=1`, {
      headers: { 'X-CSRF': '1', Authorization: 'Bearer from-the-browser' },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ ok: true, url: '/base/items?x=1' });
    const seen = last();
    expect(seen.headers.authorization).toMatch(/^Bearer [\w-]{20,}/);
    expect(seen.headers.authorization).not.toBe('Bearer from-the-browser');
    expect(seen.headers.cookie).toBeUndefined();
    expect(seen.headers['x-csrf']).toBeUndefined();
    // The upstream's own cookies and internal headers do not come back.
    expect(response.headers.getSetCookie()).toEqual([]);
    expect(response.headers.get('x-upstream-secret')).toBeNull();
  });

  it('forwards bodies and statuses of allowed methods; refuses others with 405', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const post = await browser.request(`${h.origin}/api/rec/orders`, {
      method: 'POST',
      headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ item: 'tea' }),
    });
    expect(post.status).toBe(200);
    expect(last()).toMatchObject({ method: 'POST', url: '/base/orders', body: '{"item":"tea"}' });
    expect((await browser.request(`${h.origin}/api/rec/teapot`)).status).toBe(418);

    const del = await browser.request(`${h.origin}/api/rec/orders/1`, { method: 'DELETE', headers: { 'X-CSRF': '1' } });
    expect(del.status).toBe(405);
    expect(del.headers.get('allow')).toBe('GET, POST');
    expect((await browser.request(`${h.origin}/api/ro/x`, { method: 'POST', headers: { 'X-CSRF': '1' } })).status).toBe(405);
  });

  it('state-changing calls need X-CSRF like the rest of the API', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const before = upstream.requests.length;
    const response = await browser.request(`${h.origin}/api/rec/orders`, { method: 'POST', body: '{}' });
    expect(response.status).toBe(403);
    expect(upstream.requests.length).toBe(before);
  });

  it('only configured prefixes are reachable, and a path cannot climb out of its upstream', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    expect((await browser.request(`${h.origin}/api/record/items`)).status).toBe(404);
    const cookie = browser.cookieHeader(new URL(h.origin));
    const status = await new Promise<number>((resolve, reject) => {
      // A raw request: URL parsers would normalize the encoded dots away before sending.
      const { hostname, port } = new URL(h.origin);
      const req = httpRequest({ host: hostname, port, path: '/api/rec/%2e%2e/%2e%2e/admin', headers: { cookie } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(400);
  });

  it('an unreachable upstream is a JSON 502', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const response = await browser.request(`${h.origin}/api/down/x`);
    expect(response.status).toBe(502);
    expect(await response.json()).toMatchObject({ error: 'upstream_unavailable' });
  });

  it('refreshes an expired access token first, once, even under concurrent calls', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    await browser.request(`${h.origin}/api/rec/before`);
    const original = last().headers.authorization;
    const refreshesBefore = logs.filter((l) => l.includes('access token refreshed')).length;
    const counted = async () => /^sso_token_refreshes_total\{outcome="refreshed"\} (\d+)$/m.exec(await h.bff.deps.metrics.text())![1];
    const countedBefore = Number(await counted());
    h.clock.offsetMs = 11 * 60 * 1000; // past the dev IdP's 10-minute access tokens
    try {
      const answers = await Promise.all(Array.from({ length: 6 }, (_, i) => browser.request(`${h.origin}/api/rec/concurrent/${i}`)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 200, 200]);
      const used = new Set(upstream.requests.filter((r) => r.url.includes('/concurrent/')).map((r) => r.headers.authorization));
      expect(used.size).toBe(1);
      expect([...used][0]).not.toBe(original);
      expect(logs.filter((l) => l.includes('access token refreshed')).length - refreshesBefore).toBe(1);
      // The refresh's line carries the id of the request that refreshed.
      const refreshed = JSON.parse(logs.filter((l) => l.includes('access token refreshed')).at(-1)!) as { requestId?: string };
      expect(answers.map((a) => a.headers.get('x-request-id'))).toContain(refreshed.requestId);
      expect(Number(await counted()) - countedBefore).toBe(1);
      // The new token was saved in the session: later calls do not refresh again.
      await browser.request(`${h.origin}/api/rec/after`);
      expect(last().headers.authorization).toBe([...used][0]);
      expect(logs.filter((l) => l.includes('access token refreshed')).length - refreshesBefore).toBe(1);
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('a refresh refused because our client is misconfigured answers 502, logs it loudly and keeps the session', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    h.env.OIDC_CLIENT_SECRET = 'not-the-right-secret-0123456789';
    await restartCapturingLog(h, logs, 'info');
    h.clock.offsetMs = 11 * 60 * 1000;
    try {
      const response = await browser.request(`${h.origin}/api/rec/x`);
      expect(response.status).toBe(502);
      expect(await response.json()).toMatchObject({ error: 'provider_error' });
      expect(logs.join('')).toContain('the provider refused our client when refreshing a token');
      expect((await me(browser, h)).status).toBe(200);
    } finally {
      h.clock.offsetMs = 0;
      h.env.OIDC_CLIENT_SECRET = CLIENT_SECRET;
      await restartCapturingLog(h, logs, 'info');
    }
  });

  it('a refresh that fails ends the session cleanly with 401', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    // Revoke the session's refresh token at the IdP, as an administrator would.
    const sessionId = sessionIdOf(browser);
    const stored = await h.bff.deps.store.sessions.get(sessionId, Date.now());
    const refreshToken = openSessionTokens(new TokenCipher(h.bff.config.sessionSecrets), sessionId, stored!.tokens.sealed!)!.refreshToken!;
    expect(refreshToken).toBeTruthy();
    const revoked = await fetch(`${h.idp.issuer}/token/revocation`, {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        authorization: `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`,
      },
      body: new URLSearchParams({ token: refreshToken, token_type_hint: 'refresh_token' }).toString(),
    });
    expect(revoked.status).toBe(200);
    h.clock.offsetMs = 11 * 60 * 1000;
    try {
      const response = await browser.request(`${h.origin}/api/rec/x`);
      expect(response.status).toBe(401);
      expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
      expect((await me(browser, h)).status).toBe(401);
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});
