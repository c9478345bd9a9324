import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultResourceServer, freePort } from '@sso/dev-idp';
import { startDemoApi } from '@sso/demo-api';
import { TestBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { signIn } from './flow.js';

let h: Harness;
let api: Awaited<ReturnType<typeof startDemoApi>>;

beforeAll(async () => {
  const apiPort = await freePort();
  h = await startHarness({ env: { API_ROUTES: `/api/demo=http://127.0.0.1:${apiPort}/api/demo|GET,POST` } });
  // The real demo API, checking every token at the real dev IdP (introspection, RFC 7662).
  api = await startDemoApi({
    port: apiPort,
    host: '127.0.0.1',
    issuer: h.idp.issuer,
    clientId: defaultResourceServer.clientId,
    clientSecret: defaultResourceServer.clientSecret,
    logger: () => undefined,
  });
});
afterAll(async () => {
  await api?.close();
  await h?.close();
});

describe('the demo API behind the proxy', () => {
  it('accepts the access token the BFF attaches, and sees no cookie and none of our headers', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'alice' });
    const response = await browser.request(`${h.origin}/api/demo/hello`, { headers: { 'X-CSRF': '1', 'X-Requested-With': 'fetch' } });
    expect(response.status).toBe(200);
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({ message: 'Hello from the demo API', sub: 'alice', clientId: 'bff-test', receivedCookies: false });
    // Only the request id, on purpose: the same id in the upstream's logs as in ours.
    expect(body.receivedHeaders).toEqual(['x-request-id']);
  });

  it('forwards a POST body and answers with the API’s own status codes', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'bob' });
    const echo = await browser.request(`${h.origin}/api/demo/echo`, {
      method: 'POST',
      headers: { 'X-CSRF': '1', 'Content-Type': 'application/json' },
      body: JSON.stringify({ hello: 'api' }),
    });
    expect(echo.status).toBe(200);
    expect(await echo.json()).toEqual({ received: { hello: 'api' } });
    expect((await browser.request(`${h.origin}/api/demo/nothing`)).status).toBe(404);
  });
});
