import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { signIn } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(async () => {
  await h?.close();
});

/** The `/readyz` answer (src/routes/health.ts). */
interface Readiness {
  status: 'ready' | 'not_ready';
  checks: { store: { status: string; detail?: string }; providers: Record<string, { status: string }> };
}

const ready = async () => {
  const response = await fetch(`${h.origin}/readyz`);
  return { status: response.status, retryAfter: response.headers.get('retry-after'), body: (await response.json()) as Readiness };
};

describe('/readyz', () => {
  it('is ready when the store answers with this build’s schema, and reports providers as they were last seen', async () => {
    const first = await ready();
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ status: 'ready', checks: { store: { status: 'ok' }, providers: { oidc: { status: 'unknown' } } } });
    await signIn(new TestBrowser(), h);
    expect((await ready()).body.checks.providers.oidc).toEqual({ status: 'ok' });
  });

  it('a provider that is down is reported but keeps the instance ready', async () => {
    const saved = h.env.OIDC_ISSUER!;
    h.env.OIDC_ISSUER = 'http://127.0.0.1:9';
    await h.restartBff();
    try {
      const login = await fetch(`${h.origin}/auth/login/oidc`, { redirect: 'manual' });
      expect(login.headers.get('location')).toBe('/login?error=provider_unavailable');
      // A client that asks for JSON gets the 503 itself, with when to try again.
      const asJson = await fetch(`${h.origin}/auth/login/oidc`, { redirect: 'manual', headers: { accept: 'application/json' } });
      expect(asJson.status).toBe(503);
      expect(asJson.headers.get('retry-after')).toBe('5');
      expect(await asJson.json()).toMatchObject({ error: 'provider_unavailable' });
      const answer = await ready();
      expect(answer.status).toBe(200);
      expect(answer.body.checks.providers.oidc?.status).toBe('down');
    } finally {
      h.env.OIDC_ISSUER = saved;
      await h.restartBff();
    }
  });

  it('answers 503 with Retry-After when the store does not answer, while /healthz stays up', async () => {
    await h.bff.deps.store.close();
    try {
      const answer = await ready();
      expect(answer.status).toBe(503);
      expect(answer.retryAfter).toBe('5');
      expect(answer.body).toMatchObject({ status: 'not_ready', checks: { store: { status: 'fail' } } });
      expect((await fetch(`${h.origin}/healthz`)).status).toBe(200);
    } finally {
      await h.restartBff().catch(() => undefined);
    }
  });
});
