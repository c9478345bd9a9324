import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type TestApp } from '../support/app.js';

let app: TestApp;
beforeAll(async () => {
  app = await startApp({ env: { LOG_LEVEL: 'info' } });
});
afterAll(() => app?.close());

describe('request ids', () => {
  it('a missing or malformed one is replaced by a new id', async () => {
    const plain = await app.request('/healthz');
    expect(plain.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    for (const bad of ['short', 'has spaces in it', 'x'.repeat(200), 'quote"injection-01']) {
      const answer = await app.request({ url: '/healthz', headers: { 'X-Request-Id': bad } });
      expect(answer.headers['x-request-id'], bad).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('a refusal answers with the id it was given, and its own log line carries it', async () => {
    const refused = await app.request({ method: 'POST', url: '/auth/logout', headers: { 'X-Request-Id': 'refused-call-0002' } });
    expect(refused.statusCode).toBe(403);
    expect(refused.headers['x-request-id']).toBe('refused-call-0002');
    expect(
      app
        .logged()
        .filter((entry) => entry.requestId === 'refused-call-0002')
        .map((entry) => entry.msg),
    ).toEqual(['request refused', 'request']);
  });
});
