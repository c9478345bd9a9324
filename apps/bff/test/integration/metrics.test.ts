import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer } from '../../src/index.js';
import { TestBrowser } from '../support/browser.js';
import { followEndSession } from '../support/endSession.js';
import { startHarness, type Harness } from '../support/harness.js';
import { callbackFor, deliver, me } from './flow.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/** The samples of a Prometheus text exposition. */
function parse(text: string): Sample[] {
  const samples: Sample[] = [];
  for (const line of text.split('\n')) {
    const match = /^([a-zA-Z_:][\w:]*)(?:\{(.*)\})? (\S+)$/.exec(line);
    if (!match) continue;
    const labels: Record<string, string> = {};
    for (const [, key, value] of (match[2] ?? '').matchAll(/(\w+)="((?:[^"\\]|\\.)*)"/g)) labels[key!] = value!;
    samples.push({ name: match[1]!, labels, value: Number(match[3]) });
  }
  return samples;
}

/** The value of the one sample named `name` whose labels include `labels` (undefined: none). */
function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number | undefined {
  const found = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  expect(found.length, `${name} ${JSON.stringify(labels)} matches ${found.length} samples`).toBeLessThanOrEqual(1);
  return found[0]?.value;
}

let h: Harness;
let text: string;
let samples: Sample[];
/** What belongs to the user or their session and must never become a label value. */
const secrets: Record<string, string> = {};

beforeAll(async () => {
  h = await startHarness({ env: { METRICS_PORT: '0' } });

  // A sign-in that succeeds…
  const browser = new TestBrowser();
  const callback = await callbackFor(browser, h, { user: 'alice' });
  expect((await deliver(browser, callback)).status).toBe(302);
  secrets.code = callback.searchParams.get('code')!;
  secrets.state = callback.searchParams.get('state')!;
  secrets.cookie = browser.cookie('sso.sid')!.value;
  const { body } = await me(browser, h);
  secrets.userId = body.user.id;
  secrets.subject = body.user.subject;
  secrets.email = body.user.email!;
  // …a session id in a path…
  secrets.sessionId = 'ses-not-one-of-yours-0123456789';
  const revoke = await browser.request(`${h.origin}/auth/sessions/${secrets.sessionId}`, { method: 'DELETE', headers: { 'X-CSRF': '1' } });
  expect(revoke.status).toBe(404);
  // …a sign-out (whose end-session page has a one-time id in its path and the ID token in its form)…
  const logout = await browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1' } });
  const { redirectTo } = (await logout.json()) as { redirectTo: string };
  secrets.handoffId = new URL(redirectTo).searchParams.get('id')!;
  secrets.idToken = (await followEndSession(browser, redirectTo)).form.fields.id_token_hint!;
  expect(secrets.idToken).toMatch(/^eyJ/);

  // …a callback with a state nobody issued, a refused consent, and a path nobody serves.
  const stranger = new TestBrowser();
  expect((await deliver(stranger, new URL(`${h.origin}/auth/callback/oidc?state=forged-state-0123&code=forged-code`))).location).toBe(
    '/login?error=invalid_state',
  );
  expect((await deliver(stranger, await callbackFor(stranger, h, { user: 'bob', consent: 'deny' }))).location).toBe(
    '/login?error=access_denied',
  );
  expect((await stranger.request(`${h.origin}/no/such/page/alice`)).status).toBe(404);

  const scrape = await fetch(`${h.bff.metricsUrl}/metrics`);
  expect(scrape.status).toBe(200);
  expect(scrape.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
  text = await scrape.text();
  samples = parse(text);
});
afterAll(async () => {
  await h?.close();
});

describe('Prometheus metrics (METRICS_PORT)', () => {
  it('listen on a port of their own, on loopback by default', () => {
    const metricsUrl = new URL(h.bff.metricsUrl!);
    expect(metricsUrl.hostname).toBe('127.0.0.1');
    expect(metricsUrl.port).not.toBe(new URL(h.bff.url).port);
  });

  it('are not served on the BFF port: /metrics there is a 404', async () => {
    const response = await fetch(`${h.origin}/metrics`, { headers: { accept: 'application/json' } });
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: string }).error).toBe('not_found');
  });

  it('the metrics listener answers GET /metrics only', async () => {
    expect((await fetch(`${h.bff.metricsUrl}/`)).status).toBe(404);
    expect((await fetch(`${h.bff.metricsUrl}/metrics`, { method: 'POST' })).status).toBe(404);
  });

  it('count sign-ins started, succeeded and failed by provider, failures by error code', () => {
    expect(value(samples, 'sso_signins_started_total', { provider: 'oidc' })).toBe(2);
    expect(value(samples, 'sso_signins_succeeded_total', { provider: 'oidc' })).toBe(1);
    expect(value(samples, 'sso_signins_failed_total', { provider: 'oidc', code: 'invalid_state' })).toBe(1);
    expect(value(samples, 'sso_signins_failed_total', { provider: 'oidc', code: 'access_denied' })).toBe(1);
  });

  it('time every callback by provider, success or not', () => {
    expect(value(samples, 'sso_signin_callback_duration_seconds_count', { provider: 'oidc' })).toBe(3);
    expect(value(samples, 'sso_signin_callback_duration_seconds_sum', { provider: 'oidc' })).toBeGreaterThan(0);
  });

  it('count sessions created by provider and ended by reason', () => {
    expect(value(samples, 'sso_sessions_created_total', { provider: 'oidc' })).toBe(1);
    expect(value(samples, 'sso_sessions_ended_total', { reason: 'signed_out' })).toBe(1);
    // The fixed reasons and refresh outcomes exist from the start, at zero.
    expect(value(samples, 'sso_sessions_ended_total', { reason: 'backchannel_logout' })).toBe(0);
    expect(value(samples, 'sso_token_refreshes_total', { outcome: 'invalid_grant' })).toBe(0);
  });

  it('count the sessions "sign out other devices" and back-channel logout end, each one', async () => {
    const ended = async () => {
      const now = parse(await (await fetch(`${h.bff.metricsUrl}/metrics`)).text());
      return {
        elsewhere: value(now, 'sso_sessions_ended_total', { reason: 'signed_out_elsewhere' })!,
        backchannel: value(now, 'sso_sessions_ended_total', { reason: 'backchannel_logout' })!,
      };
    };
    const before = await ended();
    const devices = [new TestBrowser(), new TestBrowser(), new TestBrowser()];
    for (const device of devices) await deliver(device, await callbackFor(device, h, { user: 'carol' }));
    const others = await devices[0]!.request(`${h.origin}/auth/sessions`, { method: 'DELETE', headers: { 'X-CSRF': '1' } });
    expect(others.status).toBe(200);
    expect(await ended()).toEqual({ elsewhere: before.elsewhere + 2, backchannel: before.backchannel });
    await h.idp.endSessionsFor('carol');
    expect((await me(devices[0]!, h)).status).toBe(401);
    expect(await ended()).toEqual({ elsewhere: before.elsewhere + 2, backchannel: before.backchannel + 1 });
  });

  it('label HTTP requests by route pattern, method and status, never by the raw path', () => {
    const http = (route: string, method: string, status: string) =>
      value(samples, 'sso_http_request_duration_seconds_count', { route, method, status });
    expect(http('/auth/me', 'GET', '200')).toBe(1);
    expect(http('/auth/login/:provider', 'GET', '302')).toBe(2);
    expect(http('/auth/callback/:provider', 'GET', '302')).toBe(3);
    expect(http('/auth/sessions/:id', 'DELETE', '404')).toBe(1);
    expect(http('/auth/logout', 'POST', '200')).toBe(1);
    expect(http('unmatched', 'GET', '404')).toBeGreaterThanOrEqual(1);
    const routes = new Set(samples.filter((s) => s.name.startsWith('sso_http_')).map((s) => s.labels.route));
    for (const route of routes) expect(route).toMatch(/^(\/[\w/:-]*|static|unmatched)$/);
    expect(text).not.toContain('/no/such/page');
    expect(text).not.toContain(secrets.sessionId);
  });

  it('carry no user id, subject, email, session cookie, code, state or token in any label', () => {
    const values = samples.flatMap((s) => Object.values(s.labels));
    expect(values.length).toBeGreaterThan(0);
    for (const [what, secret] of Object.entries(secrets)) {
      expect(secret, what).toBeTruthy();
      expect(
        values.filter((v) => v.includes(secret)),
        what,
      ).toEqual([]);
    }
    expect(text).not.toMatch(/eyJ[\w-]{10,}/);
    expect(text).not.toContain(secrets.email);
    expect(values.filter((v) => v.length > 64)).toEqual([]);
  });

  it('time store calls by operation, and count a failed one', () => {
    expect(value(samples, 'sso_store_query_duration_seconds_count', { operation: 'users.signIn' })).toBe(1);
    expect(value(samples, 'sso_store_query_duration_seconds_count', { operation: 'transactions.consume' })).toBeGreaterThanOrEqual(2);
    expect(value(samples, 'sso_store_errors_total', { operation: 'sessions.get' }) ?? 0).toBe(0);
  });

  it('include the process metrics of this instance', () => {
    expect(value(samples, 'process_cpu_user_seconds_total')).toBeGreaterThan(0);
    expect(value(samples, 'nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
  });

  it('without METRICS_PORT nothing listens for metrics', async () => {
    const bff = await startServer({ NODE_ENV: 'test', PORT: '0', DATABASE_URL: 'sqlite::memory:', DEV_IDP: 'off' }, { host: '127.0.0.1' });
    try {
      expect(bff.config.metrics).toBeUndefined();
      expect(bff.metricsUrl).toBeUndefined();
    } finally {
      await bff.close();
    }
  });
});
