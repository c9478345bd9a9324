import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeResponseSchema } from '@sso/profile';
import { fakeAccountId } from '@sso/dev-idp';
import { TestBrowser } from '../support/browser.js';
import { answerFakeProvider } from '../support/fakePage.js';
import { startProvidersHarness, type ProvidersHarness } from '../support/providers.js';
import { configProblems } from '../support/config.js';
import { loadConfig } from '../../src/config/index.js';
import { deliver, sessionCookieSet } from './flow.js';

/**
 * Facebook's OpenID Connect code flow (FACEBOOK_OIDC=on) against the Facebook fake, next to the
 * classic flow it replaces. The case it exists for: a code stolen from one login (a leaked
 * redirect, a log, a Referer) delivered with another login's state.
 */
async function session(browser: TestBrowser, origin: string) {
  const response = await browser.request(`${origin}/auth/me`);
  return response.status === 200 ? MeResponseSchema.parse(await response.json()) : undefined;
}

/** Starts a sign-in at the BFF and answers the fake's page; returns the authorization request and the callback. */
async function codeFor(browser: TestBrowser, h: ProvidersHarness, user: string) {
  const start = await browser.request(`${h.origin}/auth/login/facebook`);
  const authorize = new URL(start.headers.get('location')!);
  return { authorize, callback: await answerFakeProvider(browser, authorize, { user }) };
}

/** The attacker's own sign-in, finished with the victim's code. */
async function inject(h: ProvidersHarness) {
  const victim = new TestBrowser();
  const stolen = (await codeFor(victim, h, 'alice')).callback.searchParams.get('code')!;
  const attacker = new TestBrowser();
  const own = (await codeFor(attacker, h, 'bob')).callback;
  own.searchParams.set('code', stolen);
  return { attacker, result: await deliver(attacker, own) };
}

describe('FACEBOOK_OIDC=on', () => {
  let h: ProvidersHarness;
  beforeAll(async () => {
    h = await startProvidersHarness({ env: { FACEBOOK_OIDC: 'on' } });
  });
  afterAll(() => h?.close());

  it('signs in with PKCE S256, a nonce and the openid scope; the ID token names the account', async () => {
    const browser = new TestBrowser();
    const { authorize, callback } = await codeFor(browser, h, 'alice');
    const p = authorize.searchParams;
    expect(p.get('scope')).toBe('openid,email,public_profile');
    expect(p.get('code_challenge_method')).toBe('S256');
    expect(p.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(p.get('nonce')).toBeTruthy();
    const done = await deliver(browser, callback);
    expect(done.location).toBe('/');
    const me = await session(browser, h.origin);
    expect(me?.user).toMatchObject({
      provider: 'facebook',
      subject: fakeAccountId('facebook', 'alice'),
      name: expect.stringMatching(/Alice/) as unknown,
    });
  });

  it('a stolen code injected into another sign-in is refused by Facebook (PKCE): provider_error, no session', async () => {
    const { attacker, result } = await inject(h);
    expect(result.location).toBe('/login?error=provider_error');
    expect(sessionCookieSet(result.setCookies)).toBe(false);
    expect(await session(attacker, h.origin)).toBeUndefined();
  });
});

describe('the classic flow (FACEBOOK_OIDC unset, the default)', () => {
  let h: ProvidersHarness;
  beforeAll(async () => {
    h = await startProvidersHarness();
  });
  afterAll(() => h?.close());

  it('sends no PKCE, nonce or openid scope', async () => {
    const { authorize } = await codeFor(new TestBrowser(), h, 'alice');
    expect(authorize.searchParams.get('scope')).toBe('email,public_profile');
    expect(authorize.searchParams.has('code_challenge')).toBe(false);
    expect(authorize.searchParams.has('nonce')).toBe(false);
  });

  it('is open to the injection the opt-in closes: the attacker ends up signed in as the victim', async () => {
    const { attacker, result } = await inject(h);
    expect(result.location).toBe('/');
    expect((await session(attacker, h.origin))?.user.subject).toBe(fakeAccountId('facebook', 'alice'));
  });
});

describe('FACEBOOK_OIDC configuration', () => {
  const fb = { FACEBOOK_CLIENT_ID: '1', FACEBOOK_CLIENT_SECRET: 's' };
  const facebook = (env: Record<string, string>) => loadConfig({ ...fb, ...env }).providers.find((p) => p.id === 'facebook');
  it('is off unless set to on', () => {
    expect(facebook({})).toMatchObject({ oidc: false });
    expect(facebook({ FACEBOOK_OIDC: 'off' })).toMatchObject({ oidc: false });
    expect(facebook({ FACEBOOK_OIDC: 'on' })).toMatchObject({ oidc: true });
  });
  it('anything else stops start-up, naming the variable', () => {
    expect(configProblems({ ...fb, FACEBOOK_OIDC: 'yes' })).toMatch(/FACEBOOK_OIDC/);
  });
});
