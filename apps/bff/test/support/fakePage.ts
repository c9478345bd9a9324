import type { TestBrowser } from './browser.js';

/**
 * Drives the provider fakes' sign-in page (packages/dev-idp fakes): one form with hidden inputs,
 * a `user` button per account and a `decision=deny` button. Follows redirects from `start` until
 * the page, submits it, and returns the provider's redirect back to us, unrequested.
 */
export async function answerFakeProvider(browser: TestBrowser, start: URL, answer: { user: string } | { deny: true }): Promise<URL> {
  let url = start;
  for (let hop = 0; hop < 10; hop += 1) {
    const response = await browser.request(url);
    const location = response.headers.get('location');
    if (location) {
      await response.arrayBuffer();
      url = new URL(location, url);
      continue;
    }
    const page = await response.text();
    if (response.status !== 200) throw new Error(`fake answered ${response.status} at ${url.pathname}: ${page.slice(0, 200)}`);
    const action = /<form method="post" action="([^"]+)"/.exec(page)?.[1];
    if (!action) throw new Error(`no sign-in form at ${url.pathname}`);
    const fields = new URLSearchParams();
    for (const match of page.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)"/g)) {
      fields.append(match[1]!, decodeEntities(match[2]!));
    }
    if ('user' in answer) fields.set('user', answer.user);
    else fields.set('decision', 'deny');
    const submitted = await browser.request(new URL(decodeEntities(action), url), {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: fields.toString(),
    });
    const back = submitted.headers.get('location');
    if (!back) throw new Error(`the fake did not redirect after the form (${submitted.status}): ${(await submitted.text()).slice(0, 200)}`);
    return new URL(back, url);
  }
  throw new Error('too many redirects before the sign-in page');
}

function decodeEntities(value: string): string {
  return value
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
