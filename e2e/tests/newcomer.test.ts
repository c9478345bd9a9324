import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage as openPage, signInAtDevIdp as signInAt } from '../support/page.js';
import { screenshotDir, useStack } from '../support/stack.js';

const current = useStack();
const newPage = (viewport?: { width: number; height: number }) => openPage(current().browser, viewport);
const idpOrigin = () => new URL(current().idp.issuer).origin;

/** Sign in at the dev IdP (the `oidc` provider here). */
const signInAtDevIdp = (page: Page, user?: RegExp) => signInAt(page, current().origin, user);

async function signInWithFake(page: Page, name: 'GitHub' | 'Facebook') {
  await page.goto(`${current().origin}/login?returnTo=%2Fprofile`);
  await page.getByRole('link', { name: `Sign in with ${name}` }).click();
  await page.getByRole('button', { name: 'Continue as Alice Liddell' }).click();
  await page.waitForURL(`${current().origin}/profile`);
  await page.getByTestId('profile-name').waitFor();
}

describe('what a newcomer trips over, in a real browser', () => {
  it('offers the demo API only to sessions it can serve, and says why to the others', async () => {
    const { page, problems } = await newPage();
    await signInWithFake(page, 'Facebook');
    const card = page.getByTestId('demo-api');
    await card.getByTestId('demo-api-unavailable').waitFor();
    expect(await card.getByRole('button', { name: 'Call the demo API' }).count()).toBe(0);
    expect(await card.textContent()).toMatch(/accepts sign-ins with Dev IdP only; you signed in with Facebook/);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('never shows the text of an unknown error code from the URL, and does not blame us for it', async () => {
    const { page } = await newPage();
    const crafted = 'Your account is locked. Call support at +1 555 0100';
    await page.goto(`${current().origin}/login?error=${encodeURIComponent(crafted)}`);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).not.toContain('locked');
    expect(text).not.toContain('555');
    expect(text).not.toMatch(/on our side/);
    expect(text).toMatch(/Please try again/);
    // A known code still gets its own message and code.
    await page.goto(`${current().origin}/login?error=login_expired`);
    await page.getByRole('alert').filter({ hasText: 'login_expired' }).waitFor();
    await page.context().close();
  });

  it('Back after signing in leads from the dev IdP page back into the app, still signed in', async () => {
    const { page } = await newPage();
    await signInAtDevIdp(page, /Bob Builder/);
    await page.goBack();
    await page.waitForURL((url) => url.origin === idpOrigin());
    const back = page.getByRole('link', { name: 'Back to SSO Demo' });
    await back.waitFor();
    await back.click();
    await page.waitForURL(`${current().origin}/profile`);
    expect(await page.getByTestId('profile-name').textContent()).toContain('Bob Builder');
    await page.context().close();
  });

  it('signing out where the provider has no end-session page lands on plain /login, no returnTo', async () => {
    const { page } = await newPage();
    await signInWithFake(page, 'GitHub');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(`${current().origin}/login`);
    await page.getByRole('link', { name: 'Sign in with GitHub' }).waitFor();
    // Nothing navigates on afterwards (a late redirect would add ?returnTo=%2Flogin).
    await page.waitForTimeout(300);
    expect(page.url()).toBe(`${current().origin}/login`);
    await page.context().close();
  });

  it('signing out goes straight on to the provider, without showing the sign-in page on the way', async () => {
    const { page } = await newPage();
    // Every same-document navigation the SPA makes, recorded across page loads.
    const visited: string[] = [];
    await page.exposeFunction('recordNavigation', (url: string) => visited.push(url));
    await page.addInitScript(() => {
      const record = (window as unknown as { recordNavigation: (url: string) => void }).recordNavigation;
      for (const method of ['pushState', 'replaceState'] as const) {
        const original = history[method].bind(history);
        history[method] = (state, unused, url) => {
          if (url) record(new URL(String(url), location.href).pathname);
          return original(state, unused, url);
        };
      }
    });
    await signInAtDevIdp(page);
    visited.length = 0;
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === idpOrigin());
    expect(visited.filter((path) => path.startsWith('/login'))).toEqual([]);
    await page.getByRole('button', { name: 'Sign out of the Dev IdP' }).click();
    await page.waitForURL(`${current().origin}/login`);
    await page.context().close();
  });

  it('says when the session ends if unused (and that use extends it), and when it ends at the latest', async () => {
    const { page } = await newPage();
    await signInAtDevIdp(page);
    const idle = page.getByTestId('session-idle-end');
    await idle.waitFor();
    expect(await idle.textContent()).toMatch(/extends while you use the app/);
    const [idleAt, absoluteAt] = await Promise.all([
      idle.locator('time').getAttribute('datetime'),
      page.getByTestId('session-absolute-end').locator('time').getAttribute('datetime'),
    ]);
    expect(Date.parse(idleAt!)).toBeLessThan(Date.parse(absoluteAt!));
    expect(await page.getByText('Session ends at the latest').isVisible()).toBe(true);
    await page.context().close();
  });

  it('"Sign out all other devices" asks first; the device signed out is told why at its next look', async () => {
    const laptop = await newPage();
    const phone = await newPage({ width: 390, height: 844 });
    await signInAtDevIdp(phone.page);
    await signInAtDevIdp(laptop.page);

    const devices = laptop.page.getByTestId('sessions');
    await devices.getByRole('button', { name: 'Sign out all other devices' }).click();
    // Cancel changes nothing.
    await devices.getByRole('button', { name: 'Cancel' }).click();
    await devices.getByRole('button', { name: 'Sign out all other devices' }).click();
    await devices.getByText(/Sign out of \d+ other devices?\?/).waitFor();
    await laptop.page.screenshot({ path: join(screenshotDir, 'sign-out-others.png'), fullPage: true });
    await devices.getByRole('button', { name: /^Sign out \d+ other devices?$/ }).click();
    await devices.getByText('You are not signed in on any other device.').waitFor();

    await phone.page.bringToFront();
    await phone.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await phone.page.waitForURL(/\/login\?returnTo=%2Fprofile/);
    await phone.page.getByTestId('info-notice').filter({ hasText: 'You were signed out from another device.' }).waitFor();
    await phone.page.getByRole('link', { name: 'Sign in with Dev IdP' }).waitFor();
    expect(laptop.page.url()).toBe(`${current().origin}/profile`);
    await laptop.page.context().close();
    await phone.page.context().close();
  });
});
