import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort, startDevIdp, type DevIdp } from '@sso/dev-idp';
import { startServer, type RunningServer } from '../../src/index.js';
import { TestBrowser } from '../support/browser.js';
import { CLIENT_ID, CLIENT_SECRET, SESSION_SECRET, startHarness, type Harness } from '../support/harness.js';
import { authorizeAtIdp } from '../support/idp.js';

const cleanup: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  while (cleanup.length) await cleanup.pop()!();
});

async function bffFor(issuer: string, origin: string, port: number, extra: Record<string, string> = {}): Promise<RunningServer> {
  const dir = mkdtempSync(join(tmpdir(), 'sso-res-'));
  const bff = await startServer(
    {
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: origin,
      SESSION_SECRET,
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      OIDC_ISSUER: issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      DEV_IDP: 'off',
      ...extra,
    },
    { host: '127.0.0.1' },
  );
  cleanup.push(async () => {
    await bff.close();
    rmSync(dir, { recursive: true, force: true });
  });
  return bff;
}

describe('a provider that is down', () => {
  it('gives a readable error at sign-in and recovers by itself once the provider is back', async () => {
    const idpPort = await freePort();
    const bffPort = await freePort();
    const origin = `http://127.0.0.1:${bffPort}`;
    await bffFor(`http://127.0.0.1:${idpPort}`, origin, bffPort);
    const browser = new TestBrowser();

    const down = await browser.request(`${origin}/auth/login/oidc`);
    expect(down.status).toBe(302);
    expect(down.headers.get('location')).toBe('/login?error=provider_unavailable');

    // The provider comes up on the same address: no restart of the BFF is needed.
    const idp: DevIdp = await startDevIdp({
      port: idpPort,
      host: '127.0.0.1',
      logger: () => undefined,
      clients: [{ clientId: CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${origin}/auth/callback/oidc`] }],
    });
    cleanup.push(() => idp.close());
    const up = await browser.request(`${origin}/auth/login/oidc`);
    expect(up.status).toBe(302);
    const callback = await authorizeAtIdp(browser, new URL(up.headers.get('location')!), origin);
    const done = await browser.request(callback);
    expect(done.headers.get('location')).toBe('/');
    expect((await browser.request(`${origin}/auth/me`)).status).toBe(200);
  });

  it('a provider that accepts connections but never answers gives up after PROVIDER_TIMEOUT', async () => {
    const { createServer } = await import('node:net');
    const sockets: import('node:net').Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    cleanup.push(() => {
      for (const socket of sockets) socket.destroy();
      silent.close();
    });
    const issuer = `http://127.0.0.1:${(silent.address() as import('node:net').AddressInfo).port}`;
    const port = await freePort();
    const bff = await bffFor(issuer, `http://127.0.0.1:${port}`, port, { PROVIDER_TIMEOUT: '0.5' });
    const started = Date.now();
    const answer = await fetch(`${bff.url}/auth/login/oidc`, { redirect: 'manual', headers: { accept: 'application/json' } });
    expect(answer.status).toBe(503);
    expect(answer.headers.get('retry-after')).toBe('5');
    expect(await answer.json()).toMatchObject({ error: 'provider_unavailable' });
    expect(Date.now() - started).toBeLessThan(3_000);
    expect(sockets.length).toBeGreaterThan(0);
  });

  it('going down between the redirect and the callback gives provider_unavailable, not a 500', async () => {
    const h: Harness = await startHarness();
    let closed = false;
    cleanup.push(async () => {
      await h.bff.close();
      if (!closed) await h.idp.close();
    });
    const browser = new TestBrowser();
    const start = await browser.request(`${h.origin}/auth/login/oidc`);
    const callback = await authorizeAtIdp(browser, new URL(start.headers.get('location')!), h.origin);
    await h.idp.close();
    closed = true;
    const result = await browser.request(callback);
    expect(result.status).toBe(302);
    expect(result.headers.get('location')).toBe('/login?error=provider_unavailable');
  });
});

describe('a provider that is not who it should be', () => {
  it('refuses an issuer whose discovery document names another issuer (wrong issuer)', async () => {
    const idp = await startDevIdp({ port: 0, host: '127.0.0.1', logger: () => undefined, clients: [] });
    cleanup.push(() => idp.close());
    const bffPort = await freePort();
    const origin = `http://127.0.0.1:${bffPort}`;
    // Same server, but configured as "localhost": the metadata's issuer (127.0.0.1) does not match.
    await bffFor(idp.issuer.replace('127.0.0.1', 'localhost'), origin, bffPort);
    const response = await fetch(`${origin}/auth/login/oidc`, { redirect: 'manual' });
    expect(response.status).toBe(302);
    expect(response.headers.get('location')).toBe('/login?error=invalid_provider_response');
  });

  it('refuses when our client is unknown to the provider (wrong credentials) with provider_error', async () => {
    const h = await startHarness({ env: { OIDC_CLIENT_SECRET: 'not-the-right-secret' } });
    cleanup.push(() => h.close());
    const browser = new TestBrowser();
    const start = await browser.request(`${h.origin}/auth/login/oidc`);
    const callback = await authorizeAtIdp(browser, new URL(start.headers.get('location')!), h.origin);
    const result = await browser.request(callback);
    expect(result.headers.get('location')).toBe('/login?error=provider_error');
  });
});
