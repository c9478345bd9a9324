import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app.js';

const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
let app: TestApp;
let webDist: string;

beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), 'sso-web-'));
  mkdirSync(join(webDist, 'assets'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>SPA</title><div id="root"></div>');
  writeFileSync(join(webDist, 'assets', 'app-1234.js'), 'console.log(1)');
  app = await startApp({ env: { API_ROUTES: '/api/orders=http://127.0.0.1:9/v1' }, webDist });
});
afterAll(async () => {
  await app?.close();
  rmSync(webDist, { recursive: true, force: true });
});

const get = (path: string, accept?: string) => app.request({ url: path, headers: accept ? { accept } : {} });

function expectJsonNotFound(response: Awaited<ReturnType<typeof get>>) {
  expect(response.statusCode).toBe(404);
  expect(response.headers['content-type']).toMatch(/^application\/json/);
  expect(response.json()).toMatchObject({ error: 'not_found' });
}

describe('serving the built SPA', () => {
  it('answers browser navigations to client-side routes with index.html', async () => {
    for (const path of ['/', '/login', '/profile', '/some/client/route']) {
      const response = await get(path, NAVIGATION);
      expect(response.statusCode, path).toBe(200);
      expect(response.body).toContain('<title>SPA</title>');
    }
  });

  it('serves built assets with a long cache life', async () => {
    const response = await get('/assets/app-1234.js');
    expect(response.statusCode).toBe(200);
    expect(response.headers['cache-control']).toContain('immutable');
  });

  // Regression: unknown API paths were answered with index.html and 200.
  it('answers unknown paths under /auth/ with a JSON 404, even for a browser navigation', async () => {
    expectJsonNotFound(await get('/auth/whatever', NAVIGATION));
    expectJsonNotFound(await get('/auth/whatever'));
  });

  it('answers /api/ paths with no configured route with a JSON 404, not the SPA', async () => {
    expectJsonNotFound(await get('/api/anything', NAVIGATION));
    expectJsonNotFound(await get('/api/demo/hello', 'application/json'));
  });

  it('keeps a configured API prefix to the proxy: no session is a 401, never the SPA', async () => {
    const response = await get('/api/orders/recent', NAVIGATION);
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthenticated' });
  });

  it('answers a request that does not ask for HTML with a JSON 404 on a client-route path', async () => {
    expectJsonNotFound(await get('/profile', 'application/json'));
    expectJsonNotFound(await get('/profile', '*/*'));
    expectJsonNotFound(await get('/profile'));
  });

  it('answers a missing file with a JSON 404', async () => {
    expectJsonNotFound(await get('/assets/missing.js', NAVIGATION));
  });
});
