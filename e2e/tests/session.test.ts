import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { newPage as openPage, signInAtDevIdp } from '../support/page.js';
import { useStack } from '../support/stack.js';

const current = useStack();

const newPage = (viewport?: { width: number; height: number }) => openPage(current().browser, viewport);

const signInAsAlice = (page: Page) => signInAtDevIdp(page, current().origin);

describe('the API proxy, in a real browser', () => {
  it('the profile page calls the demo API through the BFF, which attaches the token', async () => {
    const { page, problems } = await newPage();
    await signInAsAlice(page);
    await page.getByRole('button', { name: 'Call the demo API' }).click();
    await page.getByTestId('demo-api-sub').waitFor();
    expect(await page.getByTestId('demo-api-sub').textContent()).toBe('alice');
    expect(problems).toEqual([]);
    await page.context().close();
  });
});
