import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startFakeSimpleLogin, type FakeServer } from '@sso/dev-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/index.js';
import { TestBrowser } from '../support/browser.js';
import { answerFakeProvider } from '../support/fakePage.js';
import { SESSION_SECRET } from '../support/harness.js';

// A client id with "-": openid-client sends it as "%2D" in Basic credentials (RFC 6749 §2.3.1),
// and this provider, like SimpleLogin, compares them undecoded. It advertises both methods.
const CLIENT = { clientId: 'my-app-generic', clientSecret: 'generic-secret-1' };
let origin: string;
let port: number;
let provider: FakeServer;
let dir: string;

beforeAll(async () => {
  port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  provider = await startFakeSimpleLogin({ client: { ...CLIENT, redirectUris: [`${origin}/auth/callback/oidc`] } });
  dir = mkdtempSync(join(tmpdir(), 'sso-authmethod-'));
});
afterAll(async () => {
  await provider?.close();
  rmSync(dir, { recursive: true, force: true });
});

async function withBff<T>(method: string | undefined, run: (bff: RunningServer, log: string[]) => Promise<T>): Promise<T> {
  const log: string[] = [];
  const bff = await startServer(
    {
      NODE_ENV: 'test',
      LOG_LEVEL: 'info',
      PORT: String(port),
      PUBLIC_URL: origin,
      SESSION_SECRET,
      DATABASE_URL: `sqlite:${join(dir, `${method ?? 'unset'}.sqlite`)}`,
      DEV_IDP: 'off',
      OIDC_ISSUER: provider.url,
      OIDC_CLIENT_ID: CLIENT.clientId,
      OIDC_CLIENT_SECRET: CLIENT.clientSecret,
      ...(method ? { OIDC_TOKEN_AUTH_METHOD: method } : {}),
    },
    { host: '127.0.0.1', logDestination: { write: (line) => log.push(line) } },
  );
  try {
    return await run(bff, log);
  } finally {
    await bff.close();
    // Let the HTTP client notice its pooled connections closed before the next BFF on this port.
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function signIn(): Promise<{ location: string | null; browser: TestBrowser }> {
  const browser = new TestBrowser();
  const start = await browser.request(`${origin}/auth/login/oidc?returnTo=%2Fprofile`);
  const callback = await answerFakeProvider(browser, new URL(start.headers.get('location')!), { user: 'alice' });
  const done = await browser.request(callback);
  return { location: done.headers.get('location'), browser };
}

describe('OIDC_TOKEN_AUTH_METHOD for the generic provider', () => {
  it.each([
    ['unset (auto)', undefined],
    ['auto', 'auto'],
    ['client_secret_post', 'client_secret_post'],
  ])('%s: signs in where Basic credentials with "-" would be refused', async (_label, method) => {
    await withBff(method, async () => {
      const { location, browser } = await signIn();
      expect(location).toBe('/profile');
      expect((await browser.request(`${origin}/auth/me`)).status).toBe(200);
    });
  });

  it('client_secret_basic is used as asked; the refusal is logged naming the variables to check, never the secret', async () => {
    await withBff('client_secret_basic', async (_bff, log) => {
      const { location } = await signIn();
      expect(location).toBe('/login?error=provider_error');
      const text = log.join('');
      expect(text).toContain(
        'the client id, secret or authentication method is wrong; check OIDC_CLIENT_ID, OIDC_CLIENT_SECRET and OIDC_TOKEN_AUTH_METHOD',
      );
      expect(text).not.toContain(CLIENT.clientSecret);
    });
  });
});
