import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: { RATE_LIMIT: 'off' } });
});
afterAll(() => app.close());

const post = (payload: string, type = 'application/x-www-form-urlencoded') =>
  app.request({ method: 'POST', url: '/auth/backchannel-logout/oidc', headers: { 'content-type': type }, payload });

describe('back-channel logout reads a bounded form body', () => {
  it('a body over 64 KiB is refused as a bad request, not read into memory whole', async () => {
    const refused = await post(`logout_token=${'a'.repeat(64 * 1024)}`);
    expect(refused.statusCode).toBe(400);
    expect(refused.json()).toEqual({ error: 'invalid_request', error_description: expect.stringContaining('logout_token') as unknown });
  });

  it('a body that is not a form is refused the same way', async () => {
    const refused = await post(JSON.stringify({ logout_token: 'x.y.z' }), 'application/json');
    expect(refused.statusCode).toBe(400);
    expect(refused.json<{ error: string }>().error).toBe('invalid_request');
  });
});
