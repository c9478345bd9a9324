import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MeResponseSchema } from '@sso/profile';
import { TestBrowser } from '../support/browser.js';
import { answerFakeProvider } from '../support/fakePage.js';
import { startProvidersHarness, type FakeId, type ProvidersHarness } from '../support/providers.js';

let h: ProvidersHarness;
beforeAll(async () => {
  h = await startProvidersHarness();
});
afterAll(async () => {
  await h?.close();
});

/** Start at the BFF, answer the fake's page, deliver the callback; returns the BFF's answer. */
async function viaFake(browser: TestBrowser, provider: FakeId, answer: { user: string } | { deny: true }, returnTo = '/profile') {
  const start = await browser.request(`${h.origin}/auth/login/${provider}?returnTo=${encodeURIComponent(returnTo)}`);
  expect(start.status).toBe(302);
  const authorize = new URL(start.headers.get('location')!);
  const callback = await answerFakeProvider(browser, authorize, answer);
  const done = await browser.request(callback);
  await done.arrayBuffer();
  return { authorize, callback, status: done.status, location: done.headers.get('location'), setCookies: done.headers.getSetCookie() };
}

async function me(browser: TestBrowser) {
  const response = await browser.request(`${h.origin}/auth/me`);
  return response.status === 200 ? MeResponseSchema.parse(await response.json()) : undefined;
}

describe('GET /auth/providers with every provider configured', () => {
  it('lists them in the default order with their brand names', async () => {
    const list = (await (await fetch(`${h.origin}/auth/providers`)).json()) as Array<{ id: string; name: string }>;
    expect(list.map((p) => [p.id, p.name])).toEqual([
      ['simplelogin', 'SimpleLogin'],
      ['google', 'Google'],
      ['github', 'GitHub'],
      ['facebook', 'Facebook'],
    ]);
  });
});

describe.each(['simplelogin', 'google', 'github', 'facebook'] as const)('%s', (provider) => {
  it('signs in end to end and lands on returnTo with a normalized profile', async () => {
    const browser = new TestBrowser();
    const result = await viaFake(browser, provider, { user: 'alice' });
    expect(result.status).toBe(302);
    expect(result.location).toBe('/profile');
    const session = await me(browser);
    expect(session?.provider).toBe(provider);
    expect(session?.user).toMatchObject({ provider, name: expect.stringMatching(/Alice/) as unknown });
    expect(session?.user.subject).toMatch(/\S/);
    expect(session?.user.avatarUrl).toMatch(new RegExp(`^${h.fakes[provider].url}/`));
  });

  it('a refusal at the provider becomes access_denied with no session', async () => {
    const browser = new TestBrowser();
    const result = await viaFake(browser, provider, { deny: true });
    expect(result.location).toBe('/login?error=access_denied');
    expect(result.setCookies.some((c) => c.startsWith('sso.sid='))).toBe(false);
  });

  it('a code the provider already redeemed becomes provider_error', async () => {
    const browser = new TestBrowser();
    const first = await viaFake(browser, provider, { user: 'bob' });
    expect(first.status).toBe(302);
    const start = await browser.request(`${h.origin}/auth/login/${provider}`);
    const callback = await answerFakeProvider(browser, new URL(start.headers.get('location')!), { user: 'bob' });
    callback.searchParams.set('code', first.callback.searchParams.get('code')!);
    const replayed = await browser.request(callback);
    expect(replayed.headers.get('location')).toBe('/login?error=provider_error');
  });

  it("a returning user keeps the same id and gets the provider's current profile", async () => {
    const a = new TestBrowser();
    await viaFake(a, provider, { user: 'carol' });
    const before = await me(a);
    h.fakes[provider].updateUser('carol', { name: 'Carol Renamed' });
    try {
      const b = new TestBrowser();
      await viaFake(b, provider, { user: 'carol' });
      const after = await me(b);
      expect(after?.user.id).toBe(before?.user.id);
      expect(after?.user.name).toBe('Carol Renamed');
    } finally {
      h.fakes[provider].updateUser('carol', { name: 'Carol Danvers' });
    }
  });
});

describe('provider quirks', () => {
  it('SimpleLogin: no PKCE is sent (none advertised), state and nonce are, and client auth uses the form body', async () => {
    const browser = new TestBrowser();
    const result = await viaFake(browser, 'simplelogin', { user: 'alice' });
    const p = result.authorize.searchParams;
    expect(p.get('code_challenge')).toBeNull();
    expect(p.get('nonce')).toBeTruthy();
    expect(p.get('scope')).toBe('openid email name avatar_url');
    // The client id contains "-": Basic auth would have failed at this fake, as at SimpleLogin.
    expect(result.location).toBe('/profile');
  });

  it('Google: PKCE S256 is sent and enforced; email_verified false is kept', async () => {
    const browser = new TestBrowser();
    const result = await viaFake(browser, 'google', { user: 'bob' });
    expect(result.authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect((await me(browser))?.user.emailVerified).toBe(false);
  });

  it('GitHub: PKCE is sent, and the primary verified email is chosen when the public one is hidden', async () => {
    const browser = new TestBrowser();
    const result = await viaFake(browser, 'github', { user: 'bob' });
    expect(result.authorize.searchParams.get('code_challenge_method')).toBe('S256');
    expect(result.authorize.searchParams.get('scope')).toBe('read:user user:email');
    const session = await me(browser);
    expect(session?.user.emailVerified).toBe(true);
    expect(session?.user.subject).toMatch(/^\d+$/);
  });

  it('Facebook: a user without an email signs in with email null and emailVerified null', async () => {
    const browser = new TestBrowser();
    const result = await viaFake(browser, 'facebook', { user: 'carol' });
    expect(result.callback.hash).toBe('#_=_');
    const session = await me(browser);
    expect(session?.user).toMatchObject({ email: null, emailVerified: null });
    expect(session?.user.subject).toMatch(/^\d+$/);
  });

  it('a code and state from GitHub delivered to the Facebook callback are refused before any token request', async () => {
    const browser = new TestBrowser();
    const start = await browser.request(`${h.origin}/auth/login/github`);
    const callback = await answerFakeProvider(browser, new URL(start.headers.get('location')!), { user: 'alice' });
    const mixed = new URL(callback);
    mixed.pathname = '/auth/callback/facebook';
    const result = await browser.request(mixed);
    expect(result.headers.get('location')).toBe('/login?error=provider_mismatch');
  });
});

describe('Facebook before Graph v2.3 (form-encoded token answers)', () => {
  it('still signs in', async () => {
    const legacy = await startProvidersHarness({ legacyFacebook: true });
    try {
      const browser = new TestBrowser();
      const start = await browser.request(`${legacy.origin}/auth/login/facebook`);
      const callback = await answerFakeProvider(browser, new URL(start.headers.get('location')!), { user: 'alice' });
      expect((await browser.request(callback)).headers.get('location')).toBe('/');
      expect((await browser.request(`${legacy.origin}/auth/me`)).status).toBe(200);
    } finally {
      await legacy.close();
    }
  });
});

describe('wrong client credentials at every provider', () => {
  it.each(['simplelogin', 'google', 'github', 'facebook'] as const)(
    '%s: the refused token request becomes provider_error',
    async (provider) => {
      const upper = provider.toUpperCase();
      const wrong = await startProvidersHarness({ env: { [`${upper}_CLIENT_SECRET`]: 'not-the-secret' } });
      try {
        const browser = new TestBrowser();
        const start = await browser.request(`${wrong.origin}/auth/login/${provider}`);
        const callback = await answerFakeProvider(browser, new URL(start.headers.get('location')!), { user: 'alice' });
        const result = await browser.request(callback);
        expect(result.headers.get('location')).toBe('/login?error=provider_error');
      } finally {
        await wrong.close();
      }
    },
  );
});
