import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { startTwoProviderHarness, type Harness } from '../support/harness.js';
import { startRecordingUpstream } from '../support/upstream.js';
import { callbackFor, deliver, me } from './flow.js';

let h: Harness;
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;

beforeAll(async () => {
  upstream = await startRecordingUpstream();
  h = await startTwoProviderHarness();
  h.env.API_ROUTES = `/api/devonly=${upstream.url}/dev|GET|providers=dev; /api/any=${upstream.url}/any|GET,POST`;
  await h.restartBff();
});
afterAll(async () => {
  await h?.close();
  await upstream?.close();
});

async function signInWith(provider: 'oidc' | 'dev'): Promise<TestBrowser> {
  const browser = new TestBrowser();
  const result = await deliver(browser, await callbackFor(browser, h, { provider }));
  expect(result.status).toBe(302);
  return browser;
}

describe('which providers an API route takes', () => {
  it('refuses a session of a provider the route does not list with 403 provider_not_allowed, and calls no upstream', async () => {
    const browser = await signInWith('oidc');
    const before = upstream.requests.length;
    const response = await browser.request(`${h.origin}/api/devonly/hello`);
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({ error: 'provider_not_allowed' });
    expect(upstream.requests.length).toBe(before);
    // A route without a list takes any provider's session.
    expect((await browser.request(`${h.origin}/api/any/hello`)).status).toBe(200);
  });

  it('forwards a session of a listed provider', async () => {
    const browser = await signInWith('dev');
    const response = await browser.request(`${h.origin}/api/devonly/hello`);
    expect(response.status).toBe(200);
    expect(upstream.requests.at(-1)?.url).toBe('/dev/hello');
  });

  it('/auth/me tells the frontend which APIs this session can use', async () => {
    const viaOidc = await me(await signInWith('oidc'), h);
    expect(viaOidc.body.apis).toEqual([
      { prefix: '/api/devonly', methods: ['GET'], providers: ['dev'], available: false },
      { prefix: '/api/any', methods: ['GET', 'POST'], providers: null, available: true },
    ]);
    const viaDev = await me(await signInWith('dev'), h);
    expect(viaDev.body.apis.map((api: { available: boolean }) => api.available)).toEqual([true, true]);
  });
});
