import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { messageFor } from '@sso/profile';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startServer, type RunningServer } from '../../src/index.js';
import { TestBrowser } from '../support/browser.js';
import { restartCapturingLog, startHarness, type Harness } from '../support/harness.js';
import { signIn } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { RATE_LIMIT_LOGIN: '5/1m', RATE_LIMIT_CALLBACK: '5/1m', RATE_LIMIT_BACKCHANNEL: '3/1m' } });
});
afterAll(async () => {
  await h?.close();
});
// Each case starts just after the beginning of a fresh minute: its own budgets, and a known Retry-After.
beforeEach(() => {
  const now = Date.now() + h.clock.offsetMs;
  h.clock.offsetMs += 60_000 - (now % 60_000) + 100;
});

const json = { accept: 'application/json' };
const html = { accept: 'text/html' };
const login = (origin: string, headers: Record<string, string> = html) =>
  fetch(`${origin}/auth/login/oidc`, { redirect: 'manual', headers });
const callback = (headers: Record<string, string> = html) =>
  fetch(`${h.origin}/auth/callback/oidc?code=c&state=${randomBytes(8).toString('hex')}`, { redirect: 'manual', headers });
const backchannel = () =>
  fetch(`${h.origin}/auth/backchannel-logout/oidc`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: 'logout_token=not.a.jwt',
  });

/** Status and Location (or JSON error code) of each answer, in order. */
async function outcomes(responses: Promise<Response>[] | Response[]): Promise<string[]> {
  const out: string[] = [];
  for (const pending of responses) {
    const response = await pending;
    const location = response.headers.get('location');
    const body = location ? '' : await response.text();
    out.push(
      `${response.status} ${location ? (location.startsWith(h.idp.issuer) ? 'idp' : location) : (JSON.parse(body) as { error: string }).error}`,
    );
  }
  return out;
}

async function times(n: number, make: () => Promise<Response>): Promise<string[]> {
  const responses: Response[] = [];
  for (let i = 0; i < n; i += 1) responses.push(await make());
  return outcomes(responses);
}

const transactions = () => {
  const db = new Database(join(h.dbDir, 'sso.sqlite'), { readonly: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM login_transactions').get() as { n: number }).n;
  } finally {
    db.close();
  }
};

// Limits a client meets before any provider (callbacks, back-channel, X-Forwarded-For): test/http/rateLimits.test.ts.
describe('rate limits per client address', () => {
  it('login starts beyond the limit: 429 with Retry-After for JSON, the sign-in page with rate_limited for a navigation, and nothing stored', async () => {
    expect(await times(5, () => login(h.origin))).toEqual(Array(5).fill('302 idp'));
    const stored = transactions();

    const refused = await login(h.origin, json);
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({ error: 'rate_limited', message: messageFor('rate_limited') });
    // The rest of this minute: it began 100 ms before the first request of this case.
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(50);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect(refused.headers.get('cache-control')).toBe('no-store');
    expect(await outcomes([login(h.origin)])).toEqual(['302 /login?error=rate_limited']);
    // No Accept header at all is a browser navigation too.
    expect(await outcomes([fetch(`${h.origin}/auth/login/oidc`, { redirect: 'manual' })])).toEqual(['302 /login?error=rate_limited']);
    expect(transactions()).toBe(stored);

    h.clock.offsetMs += 60_000;
    expect(await outcomes([login(h.origin)])).toEqual(['302 idp']);
  });

  it('a sign-in within the limits is not affected', async () => {
    const browser = new TestBrowser();
    expect(await signIn(browser, h, { user: 'alice', returnTo: '/profile' })).toBe('/profile');
  });

  it('the limit holds across two instances on one database', async () => {
    const other: RunningServer = await startServer(
      { ...h.env, PORT: '0' },
      { host: '127.0.0.1', now: () => Date.now() + h.clock.offsetMs },
    );
    try {
      const origins = [h.origin, other.url, h.origin, other.url, h.origin, other.url, h.origin];
      expect(await times(origins.length, () => login(origins.shift()!, json))).toEqual([
        ...Array<string>(5).fill('302 idp'),
        '429 rate_limited',
        '429 rate_limited',
      ]);
    } finally {
      await other.close();
    }
  });

  it('the counters unavailable: the limiter lets requests through and says so once, never a 500', async () => {
    const lines: string[] = [];
    await restartCapturingLog(h, lines, 'warn');
    await h.bff.deps.store.close();
    try {
      // Twice the back-channel budget, and that route needs no database for a bad token.
      expect(await times(6, backchannel)).toEqual(Array(6).fill('400 invalid_request'));
      // A sign-in needs the database itself: its own 503, not the limiter's 500.
      expect(await outcomes([login(h.origin, json), callback(json)])).toEqual(['503 store_unavailable', '503 store_unavailable']);
      const notChecked = lines.filter((line) => line.includes('rate limit not checked'));
      expect(notChecked).toHaveLength(1);
      expect(JSON.parse(notChecked[0]!)).toMatchObject({ level: 40, bucket: 'backchannel' });
    } finally {
      h.env.LOG_LEVEL = 'silent';
      await h.restartBff();
    }
  });
});
