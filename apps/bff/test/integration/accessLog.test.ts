import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import { restartCapturingLog, startHarness, type Harness } from '../support/harness.js';
import { callbackFor, deliver, signIn } from './flow.js';

const lines: string[] = [];
let h: Harness;

beforeAll(async () => {
  h = await startHarness();
  await restartCapturingLog(h, lines);
});
afterAll(async () => {
  await h?.close();
});

/** The access-log line of the last request to `path` (the "request" lines, newest last). */
function loggedStatus(method: string, path: string): number | undefined {
  const entries = lines
    .flatMap((line) => line.split('\n').filter(Boolean))
    .map((line) => JSON.parse(line) as { msg?: string; method?: string; path?: string; status?: number })
    .filter((entry) => entry.msg === 'request' && entry.method === method && entry.path === path);
  return entries.at(-1)?.status;
}

describe('the access log', () => {
  // Regression: the log middleware read the status before the error handler had set it, so a
  // refused callback answered 302 was logged as 404.
  it('records the status the client received for a refused callback, a 401, a 403 and a success', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, h);
    await deliver(browser, callback);
    // The callback replayed from a browser that is no longer signed in: refused, 302 to /login.
    await browser.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1' } });
    const replay = await deliver(browser, callback);
    expect(replay.status).toBe(302);
    expect(replay.location).toContain('error=login_replayed');
    expect(loggedStatus('GET', callback.pathname)).toBe(302);

    const anonymous = await new TestBrowser().request(`${h.origin}/auth/me`);
    expect(anonymous.status).toBe(401);
    expect(loggedStatus('GET', '/auth/me')).toBe(401);

    const noCsrf = await browser.request(`${h.origin}/auth/logout`, { method: 'POST' });
    expect(noCsrf.status).toBe(403);
    expect(loggedStatus('POST', '/auth/logout')).toBe(403);

    const other = new TestBrowser();
    await signIn(other, h);
    const ok = await other.request(`${h.origin}/auth/me`);
    expect(ok.status).toBe(200);
    expect(loggedStatus('GET', '/auth/me')).toBe(200);

    const unknown = await other.request(`${h.origin}/auth/no-such-route`);
    expect(unknown.status).toBe(404);
    expect(loggedStatus('GET', '/auth/no-such-route')).toBe(404);
  });
});
