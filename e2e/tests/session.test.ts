import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage as openPage } from '../support/page.js';
import { useStack } from '../support/stack.js';

const current = useStack();

const newPage = (viewport?: { width: number; height: number }) => openPage(current().browser, viewport);

async function signInAsAlice(page: Page) {
  await page.goto(`${current().origin}/login?returnTo=%2Fprofile`);
  await page.getByRole('link', { name: 'Sign in with Dev IdP' }).click();
  // The IdP remembers a signed-in user: the sign-in and consent pages may be skipped.
  const alice = page.getByRole('button', { name: /Alice Liddell/ });
  const allow = page.getByRole('button', { name: 'Allow' });
  await Promise.race([page.waitForURL(`${current().origin}/profile`), alice.waitFor()]);
  if (await alice.isVisible()) await alice.click();
  await Promise.race([page.waitForURL(`${current().origin}/profile`), allow.waitFor()]);
  if (await allow.isVisible()) await allow.click();
  await page.waitForURL(`${current().origin}/profile`);
  await page.getByTestId('profile-name').waitFor();
}

describe('the API proxy and signed-in devices, in a real browser', () => {
  it('the profile page calls the demo API through the BFF, which attaches the token', async () => {
    const { page, problems } = await newPage();
    await signInAsAlice(page);
    await page.getByRole('button', { name: 'Call the demo API' }).click();
    await page.getByTestId('demo-api-sub').waitFor();
    expect(await page.getByTestId('demo-api-sub').textContent()).toBe('alice');
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('signing out all other devices ends them: the other browser returns to sign-in on focus', async () => {
    const laptop = await newPage();
    const phone = await newPage({ width: 390, height: 844 });
    await signInAsAlice(phone.page);
    await signInAsAlice(laptop.page);

    const devices = laptop.page.getByTestId('sessions');
    await devices.getByRole('button', { name: 'Sign out all other devices' }).click();
    await devices.getByRole('button', { name: /^Sign out \d+ other devices?$/ }).click();
    await devices.getByText('You are not signed in on any other device.').waitFor();

    // The phone notices when it is looked at again, and goes to sign-in without a loop.
    await phone.page.bringToFront();
    await phone.page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await phone.page.waitForURL(/\/login\?returnTo=%2Fprofile/);
    await phone.page.getByRole('link', { name: 'Sign in with Dev IdP' }).waitFor();
    expect(laptop.page.url()).toBe(`${current().origin}/profile`);
    await laptop.page.context().close();
    await phone.page.context().close();
  });
});
