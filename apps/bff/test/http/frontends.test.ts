import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app.js';

const FRONTEND = 'http://localhost:5999';
const EVIL = 'http://localhost:6666';
let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: { FRONTEND_ORIGINS: `${FRONTEND}, https://admin.example.test` } });
});
afterAll(() => app?.close());

const preflight = (origin: string, method = 'POST') =>
  app.request({
    method: 'OPTIONS',
    url: '/auth/logout',
    headers: { Origin: origin, 'Access-Control-Request-Method': method, 'Access-Control-Request-Headers': 'x-csrf' },
  });

describe('other frontends (FRONTEND_ORIGINS), without a session', () => {
  it('an allowed origin gets CORS with credentials, and its preflight allows X-CSRF', async () => {
    const response = await preflight(FRONTEND);
    expect(response.statusCode).toBe(204);
    expect(response.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(response.headers['access-control-allow-credentials']).toBe('true');
    expect(response.headers['access-control-allow-headers']).toMatch(/X-CSRF/i);
    expect(response.headers.vary).toMatch(/Origin/);
  });

  it('an allowed origin can read the request id and, on a 503, when to try again', async () => {
    const answer = await app.request({ url: '/auth/me', headers: { origin: FRONTEND } });
    expect(answer.headers['access-control-allow-origin']).toBe(FRONTEND);
    expect(String(answer.headers['access-control-expose-headers']).split(/,\s*/)).toEqual(['X-Request-Id', 'Retry-After']);
  });

  it('any other origin gets no CORS headers at all', async () => {
    const response = await preflight(EVIL);
    expect(response.headers['access-control-allow-origin']).toBeUndefined();
    expect(response.headers['access-control-allow-credentials']).toBeUndefined();
    const get = await app.request({ url: '/auth/providers', headers: { Origin: EVIL } });
    expect(get.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('a foreign origin cannot sign out, even with X-CSRF', async () => {
    const foreign = await app.request({ method: 'POST', url: '/auth/logout', headers: { Origin: EVIL, 'X-CSRF': '1' } });
    expect(foreign.statusCode).toBe(403);
    expect(foreign.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('an XHR from the frontend without a session gets JSON 401, never a redirect', async () => {
    const response = await app.request({ url: '/auth/me', headers: { Origin: FRONTEND, 'X-Requested-With': 'XMLHttpRequest' } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toMatchObject({ error: 'unauthenticated' });
  });
});
