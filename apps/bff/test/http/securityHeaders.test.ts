import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app.js';

const NAVIGATION = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';
/** What every answer carries, page or JSON. */
const ALWAYS = { 'x-content-type-options': 'nosniff', 'cross-origin-resource-policy': 'same-origin', 'referrer-policy': 'no-referrer' };
/** Headers that govern documents only: on a page, never on JSON. */
const DOCUMENT_ONLY = [
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-xss-protection',
];

let app: TestApp;
let https: TestApp;
let webDist: string;

beforeAll(async () => {
  webDist = mkdtempSync(join(tmpdir(), 'sso-web-'));
  writeFileSync(join(webDist, 'index.html'), '<!doctype html><title>SPA</title>');
  app = await startApp({ webDist });
  https = await startApp({ env: { PUBLIC_URL: 'https://sso.example.test' } });
});
afterAll(async () => {
  await app?.close();
  await https?.close();
  rmSync(webDist, { recursive: true, force: true });
});

const policy = (headers: Record<string, unknown>) => String(headers['content-security-policy']).split(/;\s*/);

describe('security headers', () => {
  it('JSON answers, errors included, get a policy under which nothing loads, runs or frames them', async () => {
    for (const [path, status] of [
      ['/healthz', 200],
      ['/auth/providers', 200],
      ['/auth/me', 401],
      ['/auth/nothing-here', 404],
    ] as const) {
      const response = await app.request({ url: path, headers: { accept: NAVIGATION } });
      expect(response.statusCode, path).toBe(status);
      expect(response.headers['content-type'], path).toMatch(/^application\/json/);
      expect(policy(response.headers), path).toEqual(["default-src 'none'", "frame-ancestors 'none'"]);
      expect(response.headers['x-frame-options'], path).toBe('DENY');
      expect(response.headers, path).toMatchObject(ALWAYS);
      for (const name of DOCUMENT_ONLY) expect(response.headers[name], `${path} ${name}`).toBeUndefined();
    }
  });

  it('pages and sign-in navigations get the whole set for documents', async () => {
    // The provider is unreachable here: the navigation ends in a redirect to the sign-in page.
    const navigation = await app.request({ url: '/auth/login/oidc', headers: { accept: NAVIGATION } });
    expect(navigation.statusCode).toBe(302);
    const page = await app.request({ url: '/profile', headers: { accept: NAVIGATION } });
    expect(page.body).toContain('<title>SPA</title>');
    for (const response of [navigation, page]) {
      expect(policy(response.headers)).toEqual(
        expect.arrayContaining(["default-src 'self'", "frame-ancestors 'none'", "script-src 'self'"]),
      );
      expect(response.headers).toMatchObject({ ...ALWAYS, 'cross-origin-opener-policy': 'same-origin', 'x-frame-options': 'SAMEORIGIN' });
    }
  });

  it('with an https PUBLIC_URL, HSTS is on every answer, JSON and pages alike', async () => {
    for (const path of ['/auth/me', '/healthz', '/auth/login/oidc']) {
      const response = await https.request({ url: path, headers: { accept: NAVIGATION } });
      expect(response.headers['strict-transport-security'], path).toBe('max-age=31536000; includeSubDomains');
    }
    expect((await app.request('/auth/me')).headers['strict-transport-security']).toBeUndefined();
  });
});
