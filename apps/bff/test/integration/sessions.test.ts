import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeResponseSchema, SessionListSchema } from '@sso/profile';
import { TestBrowser } from '../support/browser.js';
import { startHarness, type Harness } from '../support/harness.js';
import { me, signIn } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ env: { SESSION_IDLE_TIMEOUT: '600', SESSION_LIFETIME: '3600' } });
});
afterAll(async () => {
  await h?.close();
});

const minutes = (n: number) => n * 60 * 1000;

async function sessions(browser: TestBrowser) {
  const response = await browser.request(`${h.origin}/auth/sessions`, { headers: { 'User-Agent': 'test' } });
  return { status: response.status, list: response.status === 200 ? SessionListSchema.parse(await response.json()) : [] };
}

const revoke = (browser: TestBrowser, id?: string) =>
  browser.request(`${h.origin}/auth/sessions${id ? `/${id}` : ''}`, { method: 'DELETE', headers: { 'X-CSRF': '1' } });

describe('session timing', () => {
  it('an idle session ends after SESSION_IDLE_TIMEOUT; activity moves the deadline', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    const first = MeResponseSchema.parse((await me(browser, h)).body);
    expect(Date.parse(first.idleExpiresAt) - Date.now()).toBeLessThanOrEqual(minutes(10));
    try {
      h.clock.offsetMs = minutes(8);
      const active = MeResponseSchema.parse((await me(browser, h)).body);
      // The call itself was activity: the idle deadline moved on by about 8 minutes.
      expect(Date.parse(active.idleExpiresAt) - Date.parse(first.idleExpiresAt)).toBeGreaterThan(minutes(7));
      expect(active.absoluteExpiresAt).toBe(first.absoluteExpiresAt);
      h.clock.offsetMs = minutes(8 + 11);
      expect((await me(browser, h)).status).toBe(401);
    } finally {
      h.clock.offsetMs = 0;
    }
  });

  it('an active session still ends at SESSION_LIFETIME', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h);
    try {
      for (const at of [9, 18, 27, 36, 45, 54]) {
        h.clock.offsetMs = minutes(at);
        expect((await me(browser, h)).status, `at ${at} min`).toBe(200);
      }
      h.clock.offsetMs = minutes(61);
      expect((await me(browser, h)).status).toBe(401);
    } finally {
      h.clock.offsetMs = 0;
    }
  });
});

describe('signed-in devices', () => {
  it('lists the user’s sessions and marks this one, without exposing cookie values', async () => {
    const laptop = new TestBrowser({ 'User-Agent': 'Laptop/1.0' });
    const phone = new TestBrowser({ 'User-Agent': 'Phone/2.0' });
    await signIn(laptop, h, { user: 'carol' });
    await signIn(phone, h, { user: 'carol' });
    const { list } = await sessions(laptop);
    expect(list.length).toBeGreaterThanOrEqual(2);
    expect(list.filter((s) => s.current)).toHaveLength(1);
    expect(list.map((s) => s.userAgent)).toEqual(expect.arrayContaining(['Laptop/1.0', 'Phone/2.0']));
    const cookie = laptop.cookie('sso.sid')!.value;
    expect(JSON.stringify(list)).not.toContain(cookie);
  });

  it('signs out another device, which is then signed out for real', async () => {
    const laptop = new TestBrowser({ 'User-Agent': 'Laptop/1.0' });
    const phone = new TestBrowser({ 'User-Agent': 'Phone/2.0' });
    await signIn(laptop, h, { user: 'bob' });
    await signIn(phone, h, { user: 'bob' });
    const phoneSession = (await sessions(phone)).list.find((s) => s.current)!;
    expect((await browser403(laptop, phoneSession.id)).status).toBe(403);
    const response = await revoke(laptop, phoneSession.id);
    expect(response.status).toBe(200);
    expect(SessionListSchema.parse(await response.json()).some((s) => s.id === phoneSession.id)).toBe(false);
    expect((await me(phone, h)).status).toBe(401);
    expect((await me(laptop, h)).status).toBe(200);
    expect((await revoke(laptop, 'no-such-session')).status).toBe(404);
  });

  it('signs out all other devices and keeps this one', async () => {
    const browsers = [new TestBrowser(), new TestBrowser(), new TestBrowser()];
    for (const b of browsers) await signIn(b, h, { user: 'alice' });
    const response = await revoke(browsers[0]!);
    expect(response.status).toBe(200);
    expect(SessionListSchema.parse(await response.json()).map((s) => s.current)).toEqual([true]);
    expect((await me(browsers[0]!, h)).status).toBe(200);
    expect((await me(browsers[1]!, h)).status).toBe(401);
    expect((await me(browsers[2]!, h)).status).toBe(401);
  });

  it('another user cannot sign out my session', async () => {
    const mine = new TestBrowser();
    const theirs = new TestBrowser();
    await signIn(mine, h, { user: 'alice' });
    const myId = (await sessions(mine)).list.find((s) => s.current)!.id;
    await signIn(theirs, h, { user: 'bob' });
    expect((await revoke(theirs, myId)).status).toBe(404);
    expect((await me(mine, h)).status).toBe(200);
  });
});

/** A revocation without the CSRF header. */
function browser403(browser: TestBrowser, id: string) {
  return browser.request(`${h.origin}/auth/sessions/${id}`, { method: 'DELETE' });
}

describe('a device signed out from another one', () => {
  it('learns why at its next /auth/me, once, and loses the cookie; a plain sign-out says nothing', async () => {
    const laptop = new TestBrowser();
    const phone = new TestBrowser();
    await signIn(phone, h);
    await signIn(laptop, h);
    expect((await revoke(laptop)).status).toBe(200);

    const told = await phone.request(`${h.origin}/auth/me`);
    expect(told.status).toBe(401);
    expect(await told.json()).toEqual({
      error: 'unauthenticated',
      message: 'You were signed out from another device.',
      reason: 'signed_out_elsewhere',
    });
    expect(told.headers.getSetCookie().some((c) => /^sso\.sid=;/.test(c))).toBe(true);
    const again = await phone.request(`${h.origin}/auth/me`);
    expect(await again.json()).toEqual({ error: 'unauthenticated', message: 'You are not signed in.' });
    expect((await me(laptop, h)).status).toBe(200);

    // Signing out here is the user's own doing: no reason to report.
    await laptop.request(`${h.origin}/auth/logout`, { method: 'POST', headers: { 'X-CSRF': '1' } });
    expect((await me(laptop, h)).body).toEqual({ error: 'unauthenticated', message: 'You are not signed in.' });
  });
});
