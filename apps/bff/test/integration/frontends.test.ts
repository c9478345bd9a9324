import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { signIn } from './flow.js';

const FRONTEND = 'http://localhost:5999';
const EVIL = 'http://localhost:6666';
let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { FRONTEND_ORIGINS: `${FRONTEND}, https://admin.example.test` } });
});
afterAll(async () => {
  await h?.close();
});

// Without a session (CORS, preflights, a JSON 401): test/http/frontends.test.ts.
describe('other frontends (FRONTEND_ORIGINS)', () => {
  it('the allowed frontend reads the session and signs out; a foreign origin cannot sign out', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const me = await browser.request(`${h.origin}/auth/me`, { headers: { Origin: FRONTEND } });
    expect(me.status).toBe(200);
    expect(me.headers.get('access-control-allow-origin')).toBe(FRONTEND);

    const foreign = await browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { Origin: EVIL, 'X-CSRF': '1' } });
    expect(foreign.status).toBe(403);
    const allowed = await browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { Origin: FRONTEND, 'X-CSRF': '1' } });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(FRONTEND);
  });

  it('returnTo may be a URL on an allowed frontend, and only there', async () => {
    expect(await signIn(new TestBrowser(), h, { returnTo: `${FRONTEND}/after?x=1` })).toBe(`${FRONTEND}/after?x=1`);
    expect(await signIn(new TestBrowser(), h, { returnTo: `${EVIL}/after` })).toBe('/');
  });

  it('back-channel logout is for providers’ servers: no CORS even for an allowed origin, no X-CSRF asked, never cached', async () => {
    const url = `${h.origin}/auth/backchannel-logout/oidc`;
    const preflight = await fetch(url, { method: 'OPTIONS', headers: { Origin: FRONTEND, 'Access-Control-Request-Method': 'POST' } });
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    const refused = await fetch(url, {
      method: 'POST',
      headers: { Origin: FRONTEND, 'content-type': 'application/x-www-form-urlencoded' },
      body: 'logout_token=not.a.jwt',
    });
    expect([refused.status, refused.headers.get('access-control-allow-origin'), refused.headers.get('cache-control')]).toEqual([
      400,
      null,
      'no-store',
    ]);
    expect(await refused.json()).toMatchObject({ error: 'invalid_request' });
  });
});
