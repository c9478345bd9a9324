import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/index.js';
import { TestBrowser } from '../support/browser.js';
import { startTwoProviderHarness, type Harness } from '../support/harness.js';
import { authorizeAtIdp } from '../support/idp.js';
import { startRecordingUpstream } from '../support/upstream.js';
import { signIn, startLogin } from './flow.js';

// Two instances on one database, as in production behind a load balancer without sticky
// sessions: A is the harness's BFF, B a second one with the same environment on another port.
let h: Harness;
let b: RunningServer;
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  h = await startTwoProviderHarness();
  h.env.API_ROUTES = `/api/rec=${upstream.url}/base|GET|providers=dev,oidc`;
  await h.restartBff();
  b = await startServer({ ...h.env, PORT: '0' }, { host: '127.0.0.1' });
});
afterAll(async () => {
  await b?.close();
  await h?.close();
  await upstream?.close();
});

async function signInWithDev(browser: TestBrowser, user: string): Promise<void> {
  const callback = await authorizeAtIdp(browser, await startLogin(browser, h, 'dev'), h.origin, { user });
  expect((await browser.request(callback)).status).toBe(302);
}

/** GET /auth/me at an instance (its own URL: cookies ignore ports, so the browser's cookie goes along). */
async function meAt(browser: TestBrowser, base: string) {
  const response = await browser.request(`${base}/auth/me`, { headers: { accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const endedElsewhere = async () =>
  Number(/^sso_sessions_ended_total\{reason="signed_out_elsewhere"\} (\d+)$/m.exec(await h.bff.deps.metrics.text())?.[1] ?? 0);

describe('disconnecting an account', () => {
  it('ends the sessions that signed in with it, on every instance, and no other session', async () => {
    const laptop = new TestBrowser();
    await signIn(laptop, h, { user: 'alice' }); // oidc:alice
    const link = await laptop.request(`${h.origin}/auth/login/dev?intent=link&returnTo=%2Fprofile`);
    const linked = await authorizeAtIdp(laptop, new URL(link.headers.get('location')!), h.origin, { user: 'alice' });
    expect((await laptop.request(linked)).headers.get('location')).toBe('/profile?linked=dev');

    // Two devices signed in with the dev account, one more with the oidc account.
    const phone = new TestBrowser();
    const tablet = new TestBrowser();
    const desktop = new TestBrowser();
    await signInWithDev(phone, 'alice');
    await signInWithDev(tablet, 'alice');
    await signIn(desktop, h, { user: 'alice' });
    expect((await meAt(phone, b.url)).body).toMatchObject({ provider: 'dev' });
    expect((await tablet.request(`${b.url}/api/rec/x`)).status).toBe(200);

    const before = await endedElsewhere();
    const removed = await laptop.request(`${h.origin}/auth/identities/dev/alice`, { method: 'DELETE', headers: { 'X-CSRF': '1' } });
    expect(removed.status).toBe(200);

    // Instance B never heard of the disconnect: the sessions are gone from the store they share.
    const told = await meAt(phone, b.url);
    expect(told).toEqual({
      status: 401,
      body: { error: 'unauthenticated', message: 'You were signed out from another device.', reason: 'signed_out_elsewhere' },
    });
    // Not only /auth/me: the session can no longer send the account's token anywhere.
    const calls = upstream.requests.length;
    const call = await tablet.request(`${b.url}/api/rec/x`);
    expect(call.status).toBe(401);
    expect(upstream.requests.length).toBe(calls);
    expect((await tablet.request(`${b.url}/auth/sessions`)).status).toBe(401);
    expect(await endedElsewhere()).toBe(before + 2);
    // The session that disconnected, and the other one signed in with the account that stays.
    expect((await meAt(laptop, b.url)).status).toBe(200);
    expect((await meAt(desktop, b.url)).status).toBe(200);
  });

  it('a disconnect that is refused ends nothing', async () => {
    const laptop = new TestBrowser();
    await signIn(laptop, h, { user: 'bob' });
    const other = new TestBrowser();
    await signIn(other, h, { user: 'bob' });
    // bob has one account only: it is the current one and the last one.
    expect((await laptop.request(`${h.origin}/auth/identities/oidc/bob`, { method: 'DELETE', headers: { 'X-CSRF': '1' } })).status).toBe(
      409,
    );
    expect((await meAt(other, b.url)).status).toBe(200);
  });
});
