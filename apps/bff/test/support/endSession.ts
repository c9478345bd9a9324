import { request as httpRequest } from 'node:http';
import { expect } from 'vitest';
import type { TestBrowser } from './browser.js';

/** The form of the BFF's end-session page, as a browser reads it. */
export interface EndSessionPageForm {
  action: URL;
  fields: Record<string, string>;
}

const unescape = (text: string) =>
  text.replace(/&(amp|lt|gt|quot|#39);/g, (_, e: string) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[e]!);

/** The form (action and hidden fields) in an end-session page's HTML; fails the test when there is none. */
export function readEndSessionForm(html: string): EndSessionPageForm {
  const form = /<form id="end-session" method="post" action="([^"]+)">([\s\S]*?)<\/form>/.exec(html);
  expect(form, 'an end-session form').not.toBeNull();
  const fields: Record<string, string> = {};
  for (const input of form![2]!.matchAll(/<input type="hidden" name="([^"]+)" value="([^"]*)">/g))
    fields[unescape(input[1]!)] = unescape(input[2]!);
  return { action: new URL(unescape(form![1]!)), fields };
}

/**
 * A top-level navigation as a browser makes it: `Sec-Fetch-Mode: navigate`, which Node's fetch
 * cannot send (it always says `cors`), so this one goes through node:http, with the browser's cookies.
 */
export function navigate(
  browser: TestBrowser,
  target: string | URL,
  method = 'GET',
  headers: Record<string, string> = {},
): Promise<Response> {
  const url = new URL(target);
  const cookie = browser.cookieHeader(url);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method,
        headers: {
          accept: 'text/html',
          'sec-fetch-mode': 'navigate',
          'sec-fetch-dest': 'document',
          ...(cookie ? { cookie } : {}),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const out = new Headers();
          for (const [name, value] of Object.entries(res.headers)) for (const v of [value ?? []].flat()) out.append(name, v);
          resolve(new Response(method === 'HEAD' ? null : Buffer.concat(chunks), { status: res.statusCode!, headers: out }));
        });
      },
    );
    req.on('error', reject);
    req.end();
  });
}

/**
 * What a browser does with `redirectTo` of a sign-out: opens the end-session page (a navigation),
 * then submits its form to the provider. Returns the page's answer and the provider's.
 */
export async function followEndSession(
  browser: TestBrowser,
  redirectTo: string,
): Promise<{ page: Response; html: string; form: EndSessionPageForm; atProvider: Response }> {
  const page = await navigate(browser, redirectTo);
  const html = await page.text();
  expect(page.status, html.slice(0, 200)).toBe(200);
  const form = readEndSessionForm(html);
  const atProvider = await browser.request(form.action, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form.fields).toString(),
  });
  return { page, html, form, atProvider };
}
