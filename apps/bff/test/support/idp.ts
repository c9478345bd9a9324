import type { TestBrowser } from './browser.js';

export interface AuthorizeOptions {
  /** Demo user id to sign in as (default alice). */
  user?: string;
  /** What to answer on the consent page (default allow). */
  consent?: 'allow' | 'deny';
  /** Press "Cancel" on the sign-in page instead of signing in. */
  cancel?: boolean;
}

const form = (fields: Record<string, string>) => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

/**
 * Walks the dev IdP's real pages as a person would (sign-in page, consent page) starting from the
 * BFF's redirect, and stops at the redirect back to the BFF: returns that callback URL unrequested.
 */
export async function authorizeAtIdp(
  browser: TestBrowser,
  start: URL,
  callbackOrigin: string,
  options: AuthorizeOptions = {},
): Promise<URL> {
  let url = start;
  for (let step = 0; step < 20; step += 1) {
    if (url.origin === callbackOrigin && url.pathname.startsWith('/auth/callback/')) return url;
    const interaction = /^\/interaction\/([^/]+)$/.exec(url.pathname);
    let response: Response;
    if (interaction) {
      const uid = interaction[1]!;
      const page = await (await browser.request(url)).text();
      if (page.includes(`/interaction/${uid}/login`)) {
        response = options.cancel
          ? await browser.request(new URL(`/interaction/${uid}/abort`, url), form({}))
          : await browser.request(new URL(`/interaction/${uid}/login`, url), form({ login: options.user ?? 'alice' }));
      } else if (page.includes(`/interaction/${uid}/confirm`)) {
        response = await browser.request(new URL(`/interaction/${uid}/${options.consent === 'deny' ? 'abort' : 'confirm'}`, url), form({}));
      } else {
        throw new Error(`unexpected interaction page at ${url.pathname}`);
      }
    } else {
      response = await browser.request(url);
    }
    const location = response.headers.get('location');
    if (!location)
      throw new Error(`IdP answered ${response.status} without a redirect at ${url.pathname}: ${(await response.text()).slice(0, 300)}`);
    await response.arrayBuffer().catch(() => undefined);
    url = new URL(location, url);
  }
  throw new Error('the IdP never redirected back');
}
