import { TestBrowser } from '../test/support/browser.js';
import { authorizeAtIdp } from '../test/support/idp.js';

/**
 * One full sign-in as a fresh browser: GET /auth/login/oidc → the IdP's sign-in and consent pages
 * (as alice) → the callback → GET /auth/me. Resolves with the Cookie header that carries the session.
 */
export async function signIn(origin: string): Promise<string> {
  const browser = new TestBrowser();
  const login = await browser.request(`${origin}/auth/login/oidc`);
  await login.arrayBuffer();
  const location = login.headers.get('location');
  if (login.status !== 302 || !location) throw new Error(`GET /auth/login/oidc answered ${login.status}, not a redirect`);

  const callback = await authorizeAtIdp(browser, new URL(location), origin);
  const back = await browser.request(callback);
  await back.arrayBuffer();
  const landing = back.headers.get('location') ?? '';
  if (back.status !== 302 || landing.includes('error=')) throw new Error(`the callback answered ${back.status} → ${landing}`);

  const meUrl = new URL('/auth/me', origin);
  const me = await browser.request(meUrl);
  await me.arrayBuffer();
  if (me.status !== 200) throw new Error(`GET /auth/me after sign-in answered ${me.status}`);
  return browser.cookieHeader(meUrl);
}

export interface SignInLoopResult {
  completed: number;
  failed: number;
  firstError: string | null;
  elapsedMs: number;
  /** Duration of each successful sign-in, ms, in the order they ran. */
  durationsMs: number[];
}

/** Signs in again and again, one after the other, until `maxCount` sign-ins or `maxMs` have passed. */
export async function signInLoop(origin: string, maxCount: number, maxMs: number): Promise<SignInLoopResult> {
  const durationsMs: number[] = [];
  let failed = 0;
  let firstError: string | null = null;
  const started = performance.now();
  while (durationsMs.length + failed < maxCount && performance.now() - started < maxMs) {
    const t0 = performance.now();
    try {
      await signIn(origin);
      durationsMs.push(performance.now() - t0);
    } catch (err) {
      failed += 1;
      firstError ??= (err as Error).message;
    }
  }
  return { completed: durationsMs.length, failed, firstError, elapsedMs: performance.now() - started, durationsMs };
}
