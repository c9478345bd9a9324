import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startHarness, type Harness } from '../support/harness.js';

const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
let h: Harness;
let webDist: string;

beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), 'sso-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>SPA</title><div id="root"></div>');
  writeFileSync(join(webDist, 'assets', 'app-1234.js'), 'console.log(1)');
  h = await startHarness({ env: { API_ROUTES: '/api/orders=http://127.0.0.1:9/v1' } });
  await h.bff.close();
  const { startServer } = await import('../../src/index.js');
  h.bff = await startServer(h.env, { host: '127.0.0.1', webDist });
});
afterAll(async () => {
  await h?.close();
  rmSync(webDist, { recursive: true, force: true });
});

const get = (path: string, accept?: string) => fetch(`${h.origin}${path}`, { headers: accept ? { accept } : {}, redirect: 'manual' });

async function expectJsonNotFound(response: Response) {
  expect(response.status).toBe(404);
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  expect(await response.json()).toMatchObject({ error: 'not_found' });
}

describe('serving the built SPA', () => {
  it('answers browser navigations to client-side routes with index.html', async () => {
    for (const path of ['/', '/login', '/profile', '/some/client/route']) {
      const response = await get(path, NAVIGATION);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toContain('<title>SPA</title>');
    }
  });

  it('serves built assets with a long cache life', async () => {
    const response = await get('/assets/app-1234.js');
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
  });

  // Regression: unknown API paths were answered with index.html and 200.
  it('answers unknown paths under /auth/ with a JSON 404, even for a browser navigation', async () => {
    await expectJsonNotFound(await get('/auth/whatever', NAVIGATION));
    await expectJsonNotFound(await get('/auth/whatever'));
  });

  it('answers /api/ paths with no configured route with a JSON 404, not the SPA', async () => {
    await expectJsonNotFound(await get('/api/anything', NAVIGATION));
    await expectJsonNotFound(await get('/api/demo/hello', 'application/json'));
  });

  it('keeps a configured API prefix to the proxy: no session is a 401, never the SPA', async () => {
    const response = await get('/api/orders/recent', NAVIGATION);
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('answers a request that does not ask for HTML with a JSON 404 on a client-route path', async () => {
    await expectJsonNotFound(await get('/profile', 'application/json'));
    await expectJsonNotFound(await get('/profile', '*/*'));
    await expectJsonNotFound(await get('/profile'));
  });

  it('answers a missing file with a JSON 404', async () => {
    await expectJsonNotFound(await get('/assets/missing.js', NAVIGATION));
  });
});
