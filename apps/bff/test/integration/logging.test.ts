import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { followEndSession, navigate } from '../support/endSession.js';
import { CLIENT_SECRET, SESSION_SECRET, restartCapturingLog, startHarness, type Harness } from '../support/harness.js';
import { callbackFor, deliver, signIn } from './flow.js';

const lines: string[] = [];
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ env: { LOG_LEVEL: 'trace' } });
  // Restart with a captured log destination at the most verbose level.
  await restartCapturingLog(h, lines, 'trace');
});
afterAll(async () => {
  await h?.close();
});

describe('logs', () => {
  it('never contain a code, token, secret or cookie, even for refused and failed sign-ins', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    // Read before the callback: a sign-in that leaves no other login pending removes the cookie.
    const login = browser.cookie('sso.login')!.value;
    const code = callback.searchParams.get('code')!;
    const state = callback.searchParams.get('state')!;
    await deliver(browser, callback);
    const sid = browser.cookie('sso.sid')!.value;
    // Replay once signed out: refused and logged.
    await browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1' } });
    await deliver(browser, callback);
    const other = new TestBrowser();
    await signIn(other, h);
    const bad = await callbackFor(other, h);
    bad.searchParams.set('code', 'x'.repeat(43)); // the provider refuses this code
    await deliver(other, bad);
    // A full sign-out: the end-session page refused to a script, served once, then gone.
    const { redirectTo } = (await (
      await other.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1' } })
    ).json()) as { redirectTo: string };
    const handoffId = new URL(redirectTo).searchParams.get('id')!;
    expect((await other.request(redirectTo)).status).toBe(400);
    const { form } = await followEndSession(other, redirectTo);
    expect((await navigate(other, redirectTo)).status).toBe(404);

    const log = lines.join('');
    expect(log).toMatch(/"path":"\/auth\/end-session"/);
    expect(log).toMatch(/"signed in"/);
    expect(log).toMatch(/login_replayed/);
    expect(log).toMatch(/provider_error/);
    for (const secret of [code, state, sid, login, handoffId, form.fields.state!, CLIENT_SECRET, SESSION_SECRET, 'eyJ']) {
      expect(log, `log must not contain ${secret.slice(0, 6)}…`).not.toContain(secret);
    }
  });

  it('name the expected and the received issuer when a callback carries a foreign iss (RFC 9207)', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    callback.searchParams.set('iss', 'https://evil.example');
    const answer = await deliver(browser, callback);
    expect(answer.location).toBe('/login?error=invalid_provider_response');
    const log = lines.join('');
    expect(log).toContain(`RFC 9207 iss mismatch: expected ${h.idp.issuer}, received https://evil.example`);
    expect(log).toMatch(/"code":"invalid_provider_response"[^\n]*iss mismatch/);
  });
});
