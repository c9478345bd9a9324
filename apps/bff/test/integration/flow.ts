import type { MeResponse } from '@sso/profile';
import { expect } from 'vitest';
import { TestBrowser } from '../support/browser.js';
import type { Harness } from '../support/harness.js';
import { authorizeAtIdp, type AuthorizeOptions } from '../support/idp.js';

/** GET /auth/login/:provider and return where the BFF sends the browser. */
export async function startLogin(browser: TestBrowser, h: Pick<Harness, 'origin'>, provider = 'oidc', returnTo?: string): Promise<URL> {
  const query = returnTo === undefined ? '' : `?returnTo=${encodeURIComponent(returnTo)}`;
  const response = await browser.request(`${h.origin}/auth/login/${provider}${query}`);
  expect(response.status).toBe(302);
  return new URL(response.headers.get('location')!);
}

/** Start a login and walk the IdP's pages; returns the callback URL the IdP redirects to. */
export async function callbackFor(
  browser: TestBrowser,
  h: Pick<Harness, 'origin'>,
  options: AuthorizeOptions & { provider?: string; returnTo?: string } = {},
): Promise<URL> {
  const authorize = await startLogin(browser, h, options.provider, options.returnTo);
  return authorizeAtIdp(browser, authorize, h.origin, options);
}

/** Deliver a callback and describe the answer. */
export async function deliver(
  browser: TestBrowser,
  callback: URL,
): Promise<{ status: number; location: string | null; setCookies: string[] }> {
  const response = await browser.request(callback);
  await response.arrayBuffer();
  return { status: response.status, location: response.headers.get('location'), setCookies: response.headers.getSetCookie() };
}

/** A whole sign-in; returns the final redirect target. */
export async function signIn(
  browser: TestBrowser,
  h: Pick<Harness, 'origin'>,
  options: AuthorizeOptions & { returnTo?: string } = {},
): Promise<string> {
  const result = await deliver(browser, await callbackFor(browser, h, options));
  expect(result.status).toBe(302);
  return result.location!;
}

/**
 * GET /auth/me. The body is typed as the signed-in answer; a 401 carries an error body instead,
 * so a test that reads `body.user` checks the status or lets the missing `user` fail it.
 */
export async function me(browser: TestBrowser, h: Pick<Harness, 'origin'>): Promise<{ status: number; body: MeResponse }> {
  const response = await browser.request(`${h.origin}/auth/me`, { headers: { accept: 'application/json' } });
  return { status: response.status, body: (await response.json()) as MeResponse };
}

export const sessionCookieSet = (setCookies: string[]) => setCookies.some((c) => /^sso\.sid=[^;]+/.test(c));
