import type { Browser, Page } from 'playwright-core';

/** A fresh browser profile per test, collecting anything the console complains about (CSP included). */
export async function newPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<{ page: Page; problems: string[] }> {
  const context = await browser.newContext({ viewport });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    // A 401 from /auth/me while signed out is expected and shows up as a failed resource.
    if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return { page, problems };
}

/**
 * Signs in at the dev IdP from the sign-in page and waits for /profile. The IdP remembers a
 * signed-in user, so its sign-in and consent pages are answered only when they show.
 */
export async function signInAtDevIdp(page: Page, origin: string, user: RegExp = /Alice Liddell/): Promise<void> {
  await page.goto(`${origin}/login?returnTo=%2Fprofile`);
  await page.getByRole('link', { name: 'Sign in with Dev IdP' }).click();
  const who = page.getByRole('button', { name: user });
  const allow = page.getByRole('button', { name: 'Allow' });
  await Promise.race([page.waitForURL(`${origin}/profile`), who.waitFor()]);
  if (await who.isVisible()) await who.click();
  await Promise.race([page.waitForURL(`${origin}/profile`), allow.waitFor()]);
  if (await allow.isVisible()) await allow.click();
  await page.waitForURL(`${origin}/profile`);
  await page.getByTestId('profile-name').waitFor();
}
