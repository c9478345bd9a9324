import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { newPage as openPage, signInAtDevIdp } from '../support/page.js';
import { useStack, webDist } from '../support/stack.js';

const current = useStack();

const newPage = () => openPage(current().browser);

/** The built file of a source module, from the build manifest (e.g. the profile page's chunk). */
function builtFile(src: string): string {
  const manifest = JSON.parse(readFileSync(join(webDist, '.vite', 'manifest.json'), 'utf8')) as Record<string, { file: string }>;
  const chunk = manifest[src];
  if (!chunk) throw new Error(`${src} is not a chunk of its own in the build manifest`);
  return `/${chunk.file}`;
}

describe("the SPA's code, split by page", () => {
  it('the sign-in page loads none of the signed-in pages; /profile fetches its chunk', async () => {
    const profileChunk = builtFile('src/pages/ProfilePage.tsx');
    const { page, problems } = await newPage();
    const scripts: string[] = [];
    page.on('request', (request) => request.resourceType() === 'script' && scripts.push(new URL(request.url()).pathname));

    await page.goto(`${current().origin}/login`);
    await page.getByRole('link', { name: 'Sign in with Dev IdP' }).waitFor();
    expect(scripts.length).toBeGreaterThan(0);
    expect(scripts).not.toContain(profileChunk);

    await signInAtDevIdp(page, current().origin);
    expect(scripts).toContain(profileChunk);
    expect(problems).toEqual([]);
    await page.context().close();
  });

  it('a chunk that cannot be loaded (a deploy replaced it) shows a readable error and a reload that fixes it', async () => {
    const profileChunk = builtFile('src/pages/ProfilePage.tsx');
    const { page } = await newPage();
    await signInAtDevIdp(page, current().origin);

    // A fresh tab whose index.html names a chunk the server no longer has.
    const tab = await page.context().newPage();
    await tab.route(`**${profileChunk}`, (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: '{"error":"not_found"}' }),
    );
    await tab.goto(`${current().origin}/profile`);
    const alert = tab.getByRole('alert').filter({ hasText: "We couldn't load this page." });
    await alert.waitFor();
    expect(await alert.textContent()).toContain('Reloading the page usually fixes it.');
    expect(await tab.title()).toBe("Couldn't load the page");

    await tab.unroute(`**${profileChunk}`);
    await tab.getByRole('button', { name: 'Reload the page' }).click();
    await tab.getByTestId('profile-name').waitFor();
    expect(await tab.getByTestId('profile-name').textContent()).toContain('Alice Liddell');
    await page.context().close();
  });
});
