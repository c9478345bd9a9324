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
