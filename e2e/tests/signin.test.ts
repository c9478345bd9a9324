import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { newPage as openPage } from '../support/page.js';
import { describe, expect, it } from 'vitest';
import { screenshotDir, useStack } from '../support/stack.js';

const current = useStack();

const newPage = (viewport?: { width: number; height: number }) => openPage(current().browser, viewport);

async function signInAtIdp(page: Page, user: RegExp, consent: 'Allow' | 'Deny' = 'Allow') {
  await page.getByRole('button', { name: user }).click();
  await page.getByRole('button', { name: consent }).click();
}

describe('in a real browser', () => {
  it('a signed-out visit to /profile goes to sign-in, through the IdP, and back to /profile with the profile shown', async () => {
    const { page, problems } = await newPage();
    await page.goto(`${current().origin}/profile`);
    await page.waitForURL(/\/login\?returnTo=%2Fprofile/);
    await expect(page.getByRole('heading', { level: 1, name: 'Sign in' }).isVisible()).resolves.toBe(true);

    await page.getByRole('link', { name: 'Sign in with Dev IdP' }).click();
    await page.waitForURL((url) => url.origin === new URL(current().idp.issuer).origin);
    await signInAtIdp(page, /Alice Liddell/);

    await page.waitForURL(`${current().origin}/profile`);
    await page.getByTestId('profile-name').waitFor();
    expect(await page.getByTestId('profile-name').textContent()).toContain('Alice Liddell');
    expect(await page.getByTestId('profile-email').textContent()).toContain('alice@example.com');
    // The provider's display name arrives with /auth/providers, a moment after the profile.
    await page.getByTestId('profile-provider').filter({ hasText: 'Dev IdP' }).waitFor();
    // The avatar really loaded from the IdP (the CSP allows it).
    const avatar = page.getByTestId('profile-avatar');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[data-testid="profile-avatar"]');
      return img?.complete && img.naturalWidth > 0;
    });
    expect(await avatar.getAttribute('src')).toBe(`${current().idp.issuer}/avatars/alice.svg`);

    // The session cookie is HttpOnly and Strict; no token is anywhere in the page's reach.
    const cookies = await page.context().cookies(current().origin);
    const sid = cookies.find((c) => c.name === 'sso.sid');
    expect(sid).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    expect(await page.evaluate(() => document.cookie)).toBe('');
    expect(await page.evaluate(() => JSON.stringify(localStorage) + JSON.stringify(sessionStorage))).toBe('{}{}');

    await page.screenshot({ path: join(screenshotDir, 'profile.png') });
    expect(problems).toEqual([]);

    // Full logout: our session ends, our end-session page posts the ID token to the IdP (never in
    // a URL), the IdP asks to end its own session, then back to sign-in.
    const navigations: string[] = [];
    const endSessionPosts: string[] = [];
    page.on('framenavigated', (frame) => frame === page.mainFrame() && navigations.push(frame.url()));
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/session/end') endSessionPosts.push(`${request.method()} ${request.postData() ?? ''}`);
    });
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === new URL(current().idp.issuer).origin);
    await page.getByRole('button', { name: 'Sign out of the Dev IdP' }).click();
    await page.waitForURL(`${current().origin}/login`);
    expect(navigations.some((url) => url.startsWith(`${current().origin}/auth/end-session?id=`))).toBe(true);
    expect(navigations.filter((url) => /eyJ|id_token/.test(url))).toEqual([]);
    expect(endSessionPosts).toEqual([expect.stringMatching(/^POST .*id_token_hint=eyJ/)]);
    // Its CSP let the form submit itself and blocked nothing the page needed.
    expect(problems).toEqual([]);
    await page.getByRole('link', { name: 'Sign in with Dev IdP' }).waitFor();
    await page.goto(`${current().origin}/profile`);
    await page.waitForURL(/\/login\?returnTo=%2Fprofile/);
    await page.context().close();
  });

  it('a refused consent lands on the sign-in page with a readable message and its code', async () => {
    const { page } = await newPage({ width: 390, height: 844 });
    await page.goto(`${current().origin}/login`);
    await page.getByRole('link', { name: 'Sign in with Dev IdP' }).click();
    await signInAtIdp(page, /Bob Builder/, 'Deny');
    await page.waitForURL(/\/login\?error=access_denied/);
    const alert = page.getByRole('alert');
    await alert.waitFor();
    expect(await alert.textContent()).toMatch(/cancelled/i);
    expect(await alert.textContent()).toContain('access_denied');
    await page.screenshot({ path: join(screenshotDir, 'login-error-phone.png') });
    await page.context().close();
  });

  it('a reload of /profile keeps the session; a new browser profile is signed out', async () => {
    const { page } = await newPage();
    await page.goto(`${current().origin}/login?returnTo=%2Fprofile`);
    await page.getByRole('link', { name: 'Sign in with Dev IdP' }).click();
    await signInAtIdp(page, /Carol Danvers/);
    await page.waitForURL(`${current().origin}/profile`);
    await page.reload();
    await page.getByTestId('profile-name').waitFor();
    expect(await page.getByTestId('profile-name').textContent()).toContain('Carol Danvers');
    await page.context().close();

    const fresh = await newPage();
    await fresh.page.goto(`${current().origin}/profile`);
    await fresh.page.waitForURL(/\/login/);
    await fresh.page.context().close();
  });
});
