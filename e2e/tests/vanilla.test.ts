import { join } from 'node:path';
import { freePort } from '@sso/dev-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewVanilla, type VanillaPreview } from '../../apps/example-vanilla/preview.js';
import { newPage } from '../support/page.js';
import { screenshotDir, startStack, type Stack } from '../support/stack.js';

// The vanilla example on its own origin (localhost, another port: the same *site* as the BFF, so the
// SameSite=Strict session cookie still goes along), allowed in by FRONTEND_ORIGINS.
let stack: Stack;
let vanilla: VanillaPreview;
beforeAll(async () => {
  const port = await freePort();
  stack = await startStack({ bffEnv: { FRONTEND_ORIGINS: `http://localhost:${port}` } });
  vanilla = await previewVanilla({ bffUrl: stack.origin, port });
});
afterAll(async () => {
  await vanilla?.close();
  await stack?.close();
});

describe('a second frontend on another origin, with @sso/client only', () => {
  it('signs in through the BFF and the dev IdP, comes back to itself, shows the profile and signs out', async () => {
    const { page, problems } = await newPage(stack.browser, { width: 800, height: 700 });
    await page.goto(`${vanilla.url}/`);
    expect(new URL(vanilla.url).origin).not.toBe(stack.origin);
    const signIn = page.getByRole('link', { name: 'Sign in with Dev IdP' });
    await signIn.waitFor();
    expect(await signIn.getAttribute('href')).toBe(`${stack.origin}/auth/login/oidc?returnTo=${encodeURIComponent(`${vanilla.url}/`)}`);
    await page.screenshot({ path: join(screenshotDir, 'vanilla-signed-out.png') });

    await signIn.click();
    await page.waitForURL((url) => url.origin === new URL(stack.idp.issuer).origin);
    await page.getByRole('button', { name: /Alice Liddell/ }).click();
    await page.getByRole('button', { name: 'Allow' }).click();

    // Back on the vanilla page's own origin, not the SPA's.
    await page.waitForURL(`${vanilla.url}/`);
    await page.getByTestId('profile-name').waitFor();
    expect(await page.getByTestId('profile-name').textContent()).toBe('Alice Liddell');
    expect(await page.getByTestId('profile-email').textContent()).toBe('alice@example.com');
    expect(await page.getByTestId('profile-provider').textContent()).toBe('Signed in with Dev IdP');
    await page.waitForFunction(() => {
      const img = document.querySelector<HTMLImageElement>('img[data-testid="profile-avatar"]');
      return img?.complete && img.naturalWidth > 0;
    });
    // The session cookie belongs to the BFF's origin and is HttpOnly: this page never holds it.
    expect(await page.evaluate(() => document.cookie)).toBe('');
    await page.screenshot({ path: join(screenshotDir, 'vanilla-profile.png') });
    expect(problems).toEqual([]);

    // Full logout: the BFF ends our session and sends the browser to the IdP to end its own.
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL((url) => url.origin === new URL(stack.idp.issuer).origin);
    await page.getByRole('button', { name: 'Sign out of the Dev IdP' }).click();
    // …and back to this frontend (returnTo), not to the SPA's sign-in page.
    await page.waitForURL(`${vanilla.url}/`);
    await page.getByRole('link', { name: 'Sign in with Dev IdP' }).waitFor();
    expect(await page.getByTestId('profile-name').count()).toBe(0);
    await page.context().close();
  });
});
