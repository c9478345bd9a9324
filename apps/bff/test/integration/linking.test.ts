import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { IdentityListSchema } from '@sso/profile';
import { TestBrowser } from '../support/browser.js';
import { startTwoProviderHarness, type Harness } from '../support/harness.js';
import { authorizeAtIdp } from '../support/idp.js';
import { me, signIn, startLogin } from './flow.js';

let h: Harness;
beforeAll(async () => {
  h = await startTwoProviderHarness([{ id: 'dana', name: 'Dana Scully', email: 'dana@example.com', emailVerified: true, avatar: false }]);
});
afterAll(async () => {
  await h?.close();
});

async function identities(browser: TestBrowser) {
  const response = await browser.request(`${h.origin}/auth/identities`);
  return { status: response.status, body: await response.json() };
}

/** Sign in with a provider ("oidc" via the helpers, or "dev" here). */
async function signInWith(browser: TestBrowser, provider: string, user = 'alice'): Promise<string> {
  const start = await startLogin(browser, h, provider);
  const callback = await authorizeAtIdp(browser, start, h.origin, { user });
  const response = await browser.request(callback);
  return response.headers.get('location')!;
}

/** Connect another account while signed in; returns where the BFF sent the browser. */
async function connect(browser: TestBrowser, provider: string): Promise<string> {
  const response = await browser.request(`${h.origin}/auth/login/${provider}?intent=link&returnTo=%2Fprofile`);
  expect(response.status).toBe(302);
  const callback = await authorizeAtIdp(browser, new URL(response.headers.get('location')!), h.origin);
  return (await browser.request(callback)).headers.get('location')!;
}

const del = (browser: TestBrowser, provider: string, subject: string, csrf = true) =>
  browser.request(`${h.origin}/auth/identities/${provider}/${subject}`, { method: 'DELETE', headers: csrf ? { 'X-CSRF': '1' } : {} });

describe('connected accounts', () => {
  it('a new provider with the same email is a new user: accounts are never merged silently', async () => {
    const a = new TestBrowser();
    await signIn(a, h, { user: 'alice' });
    const b = new TestBrowser();
    await signInWith(b, 'dev', 'alice');
    const [viaOidc, viaDev] = await Promise.all([me(a, h), me(b, h)]);
    expect(viaOidc.body.user.email).toBe(viaDev.body.user.email);
    expect(viaOidc.body.user.id).not.toBe(viaDev.body.user.id);
  });

  it('a signed-in user connects a second provider, and can then sign in with either', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'bob' });
    const before = await me(browser, h);
    expect(await connect(browser, 'dev')).toBe('/profile?linked=dev');

    const list = await identities(browser);
    expect(list.status).toBe(200);
    const parsed = IdentityListSchema.parse(list.body);
    expect(parsed.map((i) => [i.provider, i.providerName, i.subject, i.current])).toEqual([
      ['oidc', 'Test IdP', 'bob', true],
      ['dev', 'Dev IdP', 'bob', false],
    ]);
    // The session is untouched by linking.
    expect((await me(browser, h)).body).toEqual(before.body);

    const other = new TestBrowser();
    await signInWith(other, 'dev', 'bob');
    const viaDev = await me(other, h);
    expect(viaDev.body.user.id).toBe(before.body.user.id);
    expect(viaDev.body.provider).toBe('dev');
  });

  it('connecting an account that belongs to another user is refused and changes nothing', async () => {
    const owner = new TestBrowser();
    await signIn(owner, h, { user: 'carol' }); // oidc:carol belongs to this user
    const other = new TestBrowser();
    await signInWith(other, 'dev', 'carol'); // another user, dev:carol
    expect(await connect(other, 'oidc')).toBe('/profile?error=identity_in_use');
    expect(IdentityListSchema.parse((await identities(other)).body).map((i) => i.provider)).toEqual(['dev']);
    expect(IdentityListSchema.parse((await identities(owner)).body).map((i) => i.provider)).toEqual(['oidc']);
  });

  it('intent=link without a session is a plain sign-in, never a link', async () => {
    const browser = new TestBrowser();
    const start = await browser.request(`${h.origin}/auth/login/oidc?intent=link`);
    const callback = await authorizeAtIdp(browser, new URL(start.headers.get('location')!), h.origin, { user: 'alice' });
    expect((await browser.request(callback)).headers.get('location')).toBe('/');
  });

  it('a failed connect returns to the page it started from with the code', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'alice' });
    const response = await browser.request(`${h.origin}/auth/login/dev?intent=link&returnTo=%2Fprofile%3Ftab%3Daccounts`);
    const authorize = new URL(response.headers.get('location')!);
    const callback = await authorizeAtIdp(browser, authorize, h.origin, { consent: 'deny' });
    expect((await browser.request(callback)).headers.get('location')).toBe('/profile?tab=accounts&error=access_denied');
  });

  it('disconnecting: needs X-CSRF, never the current session’s account, and then works', async () => {
    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'dana' });
    await connect(browser, 'dev');
    expect(IdentityListSchema.parse((await identities(browser)).body)).toHaveLength(2);

    expect((await del(browser, 'dev', 'dana', false)).status).toBe(403);
    const current = await del(browser, 'oidc', 'dana');
    expect(current.status).toBe(409);
    expect(await current.json()).toMatchObject({ error: 'current_identity' });
    expect((await del(browser, 'dev', 'someone-else')).status).toBe(404);

    const removed = await del(browser, 'dev', 'dana');
    expect(removed.status).toBe(200);
    expect(IdentityListSchema.parse(await removed.json()).map((i) => i.provider)).toEqual(['oidc']);
    // The disconnected account is free again: signing in with it makes a new user.
    const other = new TestBrowser();
    await signInWith(other, 'dev', 'dana');
    expect((await me(other, h)).body.user.id).not.toBe((await me(browser, h)).body.user.id);
  });

  it('/auth/identities without a session is 401 JSON', async () => {
    expect((await identities(new TestBrowser())).status).toBe(401);
  });
});
