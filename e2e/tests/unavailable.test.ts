import { join } from 'node:path';
import type { Page, Route } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage as openPage, signInAtDevIdp } from '../support/page.js';
import { screenshotDir, useStack } from '../support/stack.js';

// The database outage is simulated at the HTTP boundary only: the browser gets the BFF's answer
// for it (503 store_unavailable with Retry-After) from /auth/me. The real-database outage is
// covered on the BFF's side.
const current = useStack();

const ME = '**/auth/me';
const REFERENCE = 'e2e-store-down';

/** Answers every /auth/me as the BFF does while its database is down; `count()` says how many were asked. */
async function storeDown(page: Page): Promise<{ count: () => number; restore: () => Promise<void> }> {
  let asked = 0;
  const handler = (route: Route) => {
    asked += 1;
    return route.fulfill({
      status: 503,
      contentType: 'application/json',
      headers: { 'Retry-After': '1', 'X-Request-Id': REFERENCE },
      body: JSON.stringify({
        error: 'store_unavailable',
        message: 'The service is temporarily unavailable. Please try again in a moment.',
      }),
    });
  };
  await page.route(ME, handler);
  return { count: () => asked, restore: () => page.unroute(ME, handler) };
}

/** Waits until /auth/me has been asked `n` times: the SPA retried on its own. */
async function askedAtLeast(count: () => number, n: number): Promise<void> {
  const deadline = Date.now() + 15_000;
  while (count() < n) {
    if (Date.now() > deadline) throw new Error(`/auth/me was asked ${count()} times, not ${n}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** A mark on the window that only a full page load would wipe. */
const markPage = (page: Page) => page.evaluate(() => Object.assign(window, { e2eSamePage: true }));
const stillSamePage = (page: Page) => page.evaluate(() => (window as { e2eSamePage?: boolean }).e2eSamePage === true);

// The browser reports each 503 as a failed resource; those are the point here, anything else is not.
const unexpected = (problems: string[]) => problems.filter((problem) => !/status of 503/.test(problem));

describe('while the BFF is temporarily unavailable (503 store_unavailable), in a real browser', () => {
  it('a signed-in reload of /profile shows "Temporarily unavailable" on /profile, and the profile by itself once the BFF is back', async () => {
    const { origin, browser } = current();
    const { page, problems } = await openPage(browser);
    await signInAtDevIdp(page, origin);

    const outage = await storeDown(page);
    await page.reload();
    const notice = page.getByRole('alert').filter({ hasText: 'Temporarily unavailable' });
    await notice.waitFor();
    expect(await notice.textContent()).toContain('The service is temporarily unavailable. Please try again in a moment.');
    expect(await notice.getByTestId('error-reference').textContent()).toBe(REFERENCE);
    expect(await notice.getByRole('button', { name: 'Try again' }).isVisible()).toBe(true);
    expect(page.url()).toBe(`${origin}/profile`);
    await page.screenshot({ path: join(screenshotDir, 'unavailable.png') });

    // It tries again on its own (Retry-After: 1), and a 503 again keeps it where it is.
    await askedAtLeast(outage.count, 2);
    expect(page.url()).toBe(`${origin}/profile`);
    expect(await notice.isVisible()).toBe(true);
    expect(await page.getByTestId('profile-name').count()).toBe(0);

    await markPage(page);
    await outage.restore();
    await page.getByTestId('profile-name').waitFor({ timeout: 20_000 });
    expect(await page.getByTestId('profile-name').textContent()).toContain('Alice Liddell');
    expect(await notice.count()).toBe(0);
    expect(page.url()).toBe(`${origin}/profile`);
    expect(await stillSamePage(page)).toBe(true);
    expect(unexpected(problems)).toEqual([]);
    await page.context().close();
  });

  it('a background session check that gets a 503 keeps a signed-in user on their profile, with a small status that goes away by itself', async () => {
    const { origin, browser } = current();
    const { page, problems } = await openPage(browser);
    await signInAtDevIdp(page, origin, /Bob Builder/);

    const outage = await storeDown(page);
    // Coming back to the tab checks the session again, quietly.
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    const status = page.getByTestId('unavailable-status');
    await status.waitFor();
    expect(await status.textContent()).toContain('Temporarily unavailable');
    expect(await page.getByTestId('profile-name').textContent()).toContain('Bob Builder');
    expect(await page.getByRole('alert').filter({ hasText: 'Temporarily unavailable' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'unavailable-profile.png') });

    await askedAtLeast(outage.count, 2);
    expect(page.url()).toBe(`${origin}/profile`);
    expect(await page.getByTestId('profile-name').textContent()).toContain('Bob Builder');

    await outage.restore();
    await status.waitFor({ state: 'detached', timeout: 20_000 });
    expect(await page.getByTestId('profile-name').textContent()).toContain('Bob Builder');
    expect(page.url()).toBe(`${origin}/profile`);
    expect(unexpected(problems)).toEqual([]);
    await page.context().close();
  });

  it('a signed-out visitor on the sign-in page gets the notice, not a sign-in loop, and the sign-in buttons once the BFF is back', async () => {
    const { origin, browser } = current();
    const { page, problems } = await openPage(browser, { width: 390, height: 844 });
    const outage = await storeDown(page);
    await page.goto(`${origin}/login?returnTo=%2Fprofile`);

    const notice = page.getByRole('alert').filter({ hasText: 'Temporarily unavailable' });
    await notice.waitFor();
    expect(await notice.getByTestId('error-reference').textContent()).toBe(REFERENCE);
    expect(await page.getByRole('link', { name: 'Sign in with Dev IdP' }).count()).toBe(0);
    await page.screenshot({ path: join(screenshotDir, 'unavailable-login-phone.png') });
    await askedAtLeast(outage.count, 2);
    expect(page.url()).toBe(`${origin}/login?returnTo=%2Fprofile`);

    await markPage(page);
    await outage.restore();
    await page.getByRole('link', { name: 'Sign in with Dev IdP' }).waitFor({ timeout: 20_000 });
    expect(await notice.count()).toBe(0);
    expect(page.url()).toBe(`${origin}/login?returnTo=%2Fprofile`);
    expect(await stillSamePage(page)).toBe(true);
    expect(unexpected(problems)).toEqual([]);
    await page.context().close();
  });

  it('a signed-out visit to /profile stays on /profile with the notice, and goes to sign-in only once the BFF answers 401', async () => {
    const { origin, browser } = current();
    const { page, problems } = await openPage(browser);
    const outage = await storeDown(page);
    await page.goto(`${origin}/profile`);

    await page.getByRole('alert').filter({ hasText: 'Temporarily unavailable' }).waitFor();
    await askedAtLeast(outage.count, 2);
    expect(page.url()).toBe(`${origin}/profile`);

    await outage.restore();
    await page.waitForURL(`${origin}/login?returnTo=%2Fprofile`, { timeout: 20_000 });
    await page.getByRole('link', { name: 'Sign in with Dev IdP' }).waitFor();
    expect(unexpected(problems)).toEqual([]);
    await page.context().close();
  });
});
