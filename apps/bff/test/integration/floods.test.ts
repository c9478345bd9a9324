import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { restartCapturingLog, startHarness, type Harness } from '../support/harness.js';

/**
 * Floods from one address, measured on the real BFF and dev IdP over HTTP: what they leave in the
 * database, what they cost per request, and what they write to the log.
 */
let h: Harness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

/** The server's sweep runs every 10 minutes (server.ts); the tests run it at those moments themselves. */
const SWEEP_INTERVAL_MS = 10 * 60 * 1000;
const LOGIN_TIMEOUT_S = 600;

/** `n` requests, `concurrency` at a time; returns how many got each status. */
async function flood(n: number, request: (i: number) => Promise<Response>, concurrency = 8): Promise<Record<number, number>> {
  const statuses: Record<number, number> = {};
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < n) {
        const response = await request(next++);
        await response.arrayBuffer();
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
      }
    }),
  );
  return statuses;
}

/** Rows in a table of the harness's SQLite file, read beside the running BFF. */
function rows(harness: Harness, table: 'login_transactions' | 'rate_limits'): number {
  const db = new Database(join(harness.dbDir, 'sso.sqlite'), { readonly: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** Moves the harness clock to just after the start of a rate-limit window of `windowMs`. */
function startOfWindow(harness: Harness, windowMs = 60_000): void {
  const now = Date.now() + harness.clock.offsetMs;
  harness.clock.offsetMs += windowMs - (now % windowMs) + 100;
}

const login = (harness: Harness, headers: Record<string, string> = {}) =>
  fetch(`${harness.origin}/auth/login/oidc`, { redirect: 'manual', headers });

describe('a flood of login starts from one address', () => {
  it('10 000 starts from a client that keeps its cookie leave at most 5 transactions (rate limit off)', async () => {
    h = await startHarness({ env: { RATE_LIMIT: 'off' } });
    const first = await login(h);
    const cookie = first.headers.getSetCookie()[0]!.split(';')[0]!;
    const statuses = await flood(9_999, () => login(h!, { cookie }));
    expect(statuses).toEqual({ 302: 9_999 });
    expect(rows(h, 'login_transactions')).toBe(5);
  }, 120_000);

  it('10 000 starts without the cookie, 500 a minute for 20 minutes: the default limit admits 120 a minute, and the sweep keeps at most 20 minutes of those', async () => {
    h = await startHarness();
    startOfWindow(h);
    const started = h.clock.offsetMs;
    let admitted = 0;
    let most = 0;
    let counters = 0;
    for (let minute = 1; minute <= 20; minute += 1) {
      // Asking for JSON, so that a refusal is a 429 rather than the sign-in page's redirect.
      const statuses = await flood(500, () => login(h!, { accept: 'application/json' }));
      expect(Object.keys(statuses).sort()).toEqual(['302', '429']);
      admitted += statuses[302]!;
      most = Math.max(most, rows(h, 'login_transactions'));
      counters = Math.max(counters, rows(h, 'rate_limits'));
      h.clock.offsetMs += 60_000;
      if ((h.clock.offsetMs - started) % SWEEP_INTERVAL_MS === 0) await h.bff.deps.store.sweep(h.bff.deps.now());
    }
    expect(admitted).toBe(20 * 120);
    // Bound: limit × (LOGIN_TIMEOUT + sweep interval) / window = 120 × 20 = 2 400, whatever the flood's size.
    expect(most).toBeLessThanOrEqual(120 * ((LOGIN_TIMEOUT_S * 1000 + SWEEP_INTERVAL_MS) / 60_000));
    expect(rows(h, 'login_transactions')).toBeLessThanOrEqual(120 * 10);
    // One counter row per bucket and address, not one per request; the sweep removes ended windows.
    expect(counters).toBe(1);
    expect(rows(h, 'rate_limits')).toBe(0);
  }, 120_000);

  it('without the rate limit, starts without the cookie are bounded by their lifetime only: all 10 000 stay until they expire, and the next sweep removes them', async () => {
    h = await startHarness({ env: { RATE_LIMIT: 'off' } });
    expect(await flood(10_000, () => login(h!))).toEqual({ 302: 10_000 });
    expect(rows(h, 'login_transactions')).toBe(10_000);
    h.clock.offsetMs += LOGIN_TIMEOUT_S * 1000 + 1;
    await h.bff.deps.store.sweep(h.bff.deps.now());
    expect(rows(h, 'login_transactions')).toBe(0);
  }, 120_000);
});

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The `…_count` samples of the store-call histogram, by operation. */
async function storeCalls(harness: Harness): Promise<Record<string, number>> {
  const text = await (await fetch(`${harness.bff.metricsUrl}/metrics`)).text();
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^(sso_store_query_duration_seconds_count)\{operation="([^"]+)"\} (\S+)$/.exec(line);
    if (match) samples.push({ name: match[1]!, labels: { operation: match[2]! }, value: Number(match[3]) });
  }
  return Object.fromEntries(samples.map((s) => [s.labels.operation!, s.value] as const));
}

const bogusCallback = (harness: Harness, i: number) =>
  fetch(`${harness.origin}/auth/callback/oidc?code=forged-${i}&state=not-a-state-${i}`, { redirect: 'manual' });

describe('a flood of bogus callbacks', () => {
  it('1 000 callbacks with unknown states: one lookup by state each, no provider call, and one warn line until a summary', async () => {
    h = await startHarness({ env: { RATE_LIMIT: 'off', METRICS_PORT: '0' } });
    const lines: string[] = [];
    await restartCapturingLog(h, lines, 'warn');
    const grants = h.idp.grants();
    const locations = new Set<string>();
    const statuses = await flood(1_000, async (i) => {
      const response = await bogusCallback(h!, i);
      locations.add(response.headers.get('location')!);
      return response;
    });
    expect(statuses).toEqual({ 302: 1_000 });
    expect([...locations]).toEqual(['/login?error=invalid_state']);
    // The primary-key lookup of the state and nothing else: no session, user or provider work.
    expect(await storeCalls(h)).toEqual({ 'transactions.find': 1_000 });
    expect(h.idp.grants()).toEqual(grants);

    const warnings = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 40);
    expect(warnings()).toEqual([expect.objectContaining({ msg: 'request refused', code: 'invalid_state', path: '/auth/callback/oidc' })]);
    // A minute on, the next one is logged again, after a summary of the 999 in between.
    h.clock.offsetMs += 61_000;
    await (await bogusCallback(h, 1_000)).arrayBuffer();
    expect(warnings().slice(1)).toEqual([
      expect.objectContaining({ msg: 'request refused (repeats)', code: 'invalid_state', repeats: 999 }),
      expect.objectContaining({ msg: 'request refused', code: 'invalid_state' }),
    ]);
    expect(lines.join('\n')).not.toContain('forged-');
  }, 60_000);

  it('with the default limit, all but 120 of 1 000 are refused before any lookup, with one warn line per code', async () => {
    h = await startHarness({ env: { METRICS_PORT: '0' } });
    startOfWindow(h);
    const lines: string[] = [];
    await restartCapturingLog(h, lines, 'warn');
    const statuses = await flood(1_000, (i) => bogusCallback(h!, i));
    expect(statuses).toEqual({ 302: 1_000 });
    expect(await storeCalls(h)).toEqual({ 'rateLimits.hit': 1_000, 'transactions.find': 120 });
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 40);
    expect(warnings.map((w) => w.code).sort()).toEqual(['invalid_state', 'rate_limited']);
  }, 60_000);
});

describe('a flood of bogus back-channel logouts', () => {
  it('1 000 invalid logout tokens: each refused with 400, and one warn line until a summary', async () => {
    h = await startHarness({ env: { RATE_LIMIT: 'off' } });
    const lines: string[] = [];
    await restartCapturingLog(h, lines, 'warn');
    const statuses = await flood(1_000, () =>
      fetch(`${h!.origin}/auth/backchannel-logout/oidc`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'logout_token=not.a.jwt',
      }),
    );
    expect(statuses).toEqual({ 400: 1_000 });
    const warnings = lines.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.level === 40);
    expect(warnings).toEqual([expect.objectContaining({ msg: 'back-channel logout refused', provider: 'oidc' })]);
  }, 60_000);
});
