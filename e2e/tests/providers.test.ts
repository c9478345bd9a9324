import { join } from 'node:path';
import { newPage as openPage } from '../support/page.js';
import { describe, expect, it } from 'vitest';
import { screenshotDir, useStack } from '../support/stack.js';

const current = useStack();

const newPage = (viewport?: { width: number; height: number }) => openPage(current().browser, viewport);

describe('real-world providers in a real browser (local fakes)', () => {
  it('the sign-in page shows every provider as a branded, accessible button in order', async () => {
    const { page, problems } = await newPage({ width: 390, height: 844 });
    await page.goto(`${current().origin}/login`);
    const links = page.getByRole('list', { name: 'Sign-in providers' }).getByRole('link');
    await links.first().waitFor();
    expect(await links.allTextContents()).toEqual([
      'Sign in with SimpleLogin',
      'Sign in with Google',
      'Sign in with GitHub',
      'Sign in with Facebook',
      'Sign in with Dev IdP',
    ]);
    await page.screenshot({ path: join(screenshotDir, 'login-phone.png') });
    // Keyboard: the first button takes focus with Tab and shows a focus ring.
    await page.keyboard.press('Tab');
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.screenshot({ path: join(screenshotDir, 'login.png') });
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('signs in with Facebook (OAuth 2.0 + Graph API), drops #_=_, then connects SimpleLogin (OpenID Connect)', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${current().origin}/login?returnTo=%2Fprofile`);
    await page.getByRole('link', { name: 'Sign in with Facebook' }).click();
    await page.waitForURL((url) => url.origin === current().fakes.facebook.url);
    await page.getByRole('button', { name: 'Continue as Alice Liddell' }).click();

    await page.waitForURL(`${current().origin}/profile`);
    await page.getByTestId('profile-provider').filter({ hasText: 'Facebook' }).waitFor();
    expect(await page.getByTestId('profile-name').textContent()).toContain('Alice Liddell');
    expect(new URL(page.url()).hash).toBe('');

    const accounts = page.getByTestId('connected-accounts');
    await accounts.getByTestId('identity-facebook').waitFor();
    await accounts.getByRole('link', { name: 'Connect SimpleLogin' }).click();
    await page.waitForURL((url) => url.origin === current().fakes.simplelogin.url);
    await page.getByRole('button', { name: 'Continue as Alice Liddell' }).click();

    await page.waitForURL(/\/profile$/);
    await page.getByRole('status').filter({ hasText: 'SimpleLogin is now connected' }).waitFor();
    await accounts.getByTestId('identity-simplelogin').waitFor();
    await page.screenshot({ path: join(screenshotDir, 'connected-accounts.png'), fullPage: true });

    // The SimpleLogin account can be disconnected (it is not the current session's).
    await accounts.getByRole('button', { name: 'Disconnect SimpleLogin' }).click();
    await page.getByRole('button', { name: 'Yes, disconnect' }).click();
    await accounts.getByTestId('identity-simplelogin').waitFor({ state: 'detached' });
    expect(await accounts.getByRole('button', { name: 'Disconnect Facebook' }).isDisabled()).toBe(true);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('signs in with Google (OpenID Connect with PKCE) and shows the unverified email as such', async () => {
    const { page } = await newPage();
    await page.goto(`${current().origin}/login`);
    await page.getByRole('link', { name: 'Sign in with Google' }).click();
    await page.getByRole('button', { name: 'Continue as Bob Builder' }).click();
    await page.waitForURL(`${current().origin}/profile`);
    await page.getByTestId('profile-provider').filter({ hasText: 'Google' }).waitFor();
    expect(await page.getByText('not verified', { exact: true }).first().isVisible()).toBe(true);
    await page.context().close();
  });

  it("a refusal at Facebook's dialog comes back as a readable message", async () => {
    const { page } = await newPage();
    await page.goto(`${current().origin}/login`);
    await page.getByRole('link', { name: 'Sign in with Facebook' }).click();
    await page.getByRole('button', { name: 'Cancel' }).click();
    await page.waitForURL(/\/login\?error=access_denied/);
    expect(await page.getByRole('alert').textContent()).toContain('access_denied');
    await page.context().close();
  });
});
