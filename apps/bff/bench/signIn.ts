import { TestBrowser } from '../test/support/browser.js';

/** Where a relying party starts a sign-in and where its signed-in user is read. */
export interface SignInRoute {
  /** GET this: the RP redirects to the OP's authorize endpoint. */
  loginPath: string;
  /** GET this with the cookies: 200 when signed in. */
  mePath: string;
}

export const BFF_ROUTE: SignInRoute = { loginPath: '/auth/login/oidc', mePath: '/auth/me' };
export const EOC_ROUTE: SignInRoute = { loginPath: '/login', mePath: '/me' };

/** A browser that has just signed in: the Cookie header it would send to the RP's "me" URL. */
export interface SignedIn {
  browser: TestBrowser;
  /** Every cookie of the RP's origin still valid, as a browser sends them: `a=1; b=2`. */
  cookie: string;
}

async function expectRedirect(response: Response, what: string): Promise<string> {
  await response.arrayBuffer();
  const location = response.headers.get('location');
  if (response.status < 300 || response.status >= 400 || !location) throw new Error(`${what} answered ${response.status}, not a redirect`);
  return location;
}

/**
 * One complete sign-in as a fresh browser: the RP's login redirect, the OP's authorize (which
 * redirects straight back with a code), and the RP's callback (code exchange, ID token check, user,
 * session). The callback's own redirect to the app is not followed: that is the SPA, not the sign-in.
 */
export async function signIn(origin: string, route: SignInRoute): Promise<SignedIn> {
  const browser = new TestBrowser();
  const authorize = await expectRedirect(await browser.request(`${origin}${route.loginPath}`), `GET ${route.loginPath}`);
  const callback = await expectRedirect(await browser.request(authorize), 'the OP authorize endpoint');
  if (!callback.startsWith(origin)) throw new Error(`the OP sent the browser to ${callback}, not back to ${origin}`);
  const landing = await expectRedirect(await browser.request(callback), 'the callback');
  if (landing.includes('error=')) throw new Error(`the callback refused the sign-in: ${landing}`);
  return { browser, cookie: browser.cookieHeader(new URL(route.mePath, origin)) };
}

/** GET the "me" URL as that browser; throws unless it answers 200. Resolves with the body. */
export async function readMe(origin: string, route: SignInRoute, signedIn: SignedIn): Promise<string> {
  const response = await signedIn.browser.request(`${origin}${route.mePath}`);
  const body = await response.text();
  if (response.status !== 200) throw new Error(`GET ${route.mePath} after sign-in answered ${response.status}: ${body.slice(0, 200)}`);
  return body;
}

export interface SignInBatch {
  completed: number;
  failed: number;
  firstError: string | null;
  elapsedMs: number;
  /** Duration of each successful sign-in, ms. */
  durationsMs: number[];
  /** The last sign-in that succeeded, for a check that its session works. */
  last: SignedIn | null;
}

/** `count` sign-ins, `concurrency` at a time (each a fresh browser). */
export async function signInBatch(origin: string, route: SignInRoute, count: number, concurrency = 1): Promise<SignInBatch> {
  const batch: SignInBatch = { completed: 0, failed: 0, firstError: null, elapsedMs: 0, durationsMs: [], last: null };
  let started = 0;
  const t0 = performance.now();
  const worker = async () => {
    while (started < count) {
      started += 1;
      const t = performance.now();
      try {
        batch.last = await signIn(origin, route);
        batch.durationsMs.push(performance.now() - t);
        batch.completed += 1;
      } catch (err) {
        batch.failed += 1;
        batch.firstError ??= (err as Error).message;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  batch.elapsedMs = performance.now() - t0;
  return batch;
}
