import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startApp();
});
afterAll(() => app?.close());

describe('refusals that never reach a provider', () => {
  it('garbage never causes a 500: odd query strings at the callback become a redirect to the sign-in page', async () => {
    for (const query of [
      '',
      '?state=',
      '?state=a&state=b',
      `?state=${'x'.repeat(5000)}`,
      '?code=abc',
      '?state=%E0%A4%A',
      '?error=server_error',
    ]) {
      const response = await app.request(`/auth/callback/oidc${query}`);
      expect(response.statusCode, query).toBe(302);
      expect(response.headers.location, query).toMatch(/^\/login\?error=/);
    }
  });

  it('the login endpoint refuses an unknown provider, with a readable code', async () => {
    const response = await app.request('/auth/login/nope');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/login?error=unknown_provider');
  });

  it('/auth/me refuses a forged session cookie', async () => {
    const response = await app.request({ url: '/auth/me', cookies: { 'sso.sid': 'forged-session-id', 'sso.sid.sig': 'forged-signature' } });
    expect(response.statusCode).toBe(401);
    expect(response.json()).toEqual({ error: 'unauthenticated', message: 'You are not signed in.' });
    // Typed and measured like every JSON answer, though it is written out before Koa sees it.
    expect(response.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(Number(response.headers['content-length'])).toBe(Buffer.byteLength(response.body));
  });
});
