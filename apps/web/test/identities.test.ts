import type { Identity, ProviderSummary } from '@sso/profile';
import { describe, expect, it } from 'vitest';
import { disconnectBlocker, identityKey, providerNameOf, providersToConnect } from '../src/identities.js';

function identity(overrides: Partial<Identity> = {}): Identity {
  return {
    provider: 'github',
    providerName: 'GitHub',
    subject: '1001',
    name: 'Alice Liddell',
    email: 'alice@example.com',
    emailVerified: true,
    avatarUrl: null,
    linkedAt: '2025-01-02T10:00:00.000Z',
    lastLoginAt: '2025-03-04T10:00:00.000Z',
    current: false,
    ...overrides,
  };
}

const provider = (id: string, name: string): ProviderSummary => ({
  id,
  name,
  loginUrl: `https://app.example.com/auth/login/${id}`,
});

describe('disconnectBlocker', () => {
  it('allows disconnecting an account that is neither the only one nor the current one', () => {
    const github = identity();
    const google = identity({ provider: 'google', providerName: 'Google', subject: 'g-1', current: true });
    expect(disconnectBlocker(github, [github, google])).toBeNull();
  });

  it("refuses the current session's account while another one exists", () => {
    const github = identity({ current: true });
    const google = identity({ provider: 'google', providerName: 'Google', subject: 'g-1' });
    expect(disconnectBlocker(github, [github, google])).toBe('current_identity');
  });

  it('refuses the only account, even when it is not the current one', () => {
    const github = identity();
    expect(disconnectBlocker(github, [github])).toBe('last_identity');
  });

  it('names the only account as the last one rather than the current one', () => {
    const github = identity({ current: true });
    expect(disconnectBlocker(github, [github])).toBe('last_identity');
  });

  it('counts two accounts at the same provider as two accounts', () => {
    const work = identity({ subject: 'work' });
    const home = identity({ subject: 'home' });
    expect(disconnectBlocker(work, [work, home])).toBeNull();
  });
});

describe('providersToConnect', () => {
  const providers = [provider('google', 'Google'), provider('github', 'GitHub'), provider('okta', 'Okta')];

  it('offers the enabled providers without a connected account, in the BFF order', () => {
    expect(providersToConnect(providers, [identity()]).map((p) => p.id)).toEqual(['google', 'okta']);
  });

  it('offers nothing when every provider is connected', () => {
    const all = providers.map((p, i) => identity({ provider: p.id, providerName: p.name, subject: String(i) }));
    expect(providersToConnect(providers, all)).toEqual([]);
  });

  it('ignores connected accounts of providers that are no longer enabled', () => {
    const old = identity({ provider: 'facebook', providerName: 'Facebook' });
    expect(providersToConnect(providers, [old]).map((p) => p.id)).toEqual(['google', 'github', 'okta']);
  });
});

describe('providerNameOf', () => {
  it('prefers the provider list', () => {
    expect(providerNameOf('github', [provider('github', 'GitHub Enterprise')], [identity()])).toBe('GitHub Enterprise');
  });

  it('falls back to a connected account of that provider', () => {
    expect(providerNameOf('github', null, [identity()])).toBe('GitHub');
  });

  it('does not know an id neither list has (it may come from a crafted URL)', () => {
    expect(providerNameOf('Evil Corp', [provider('github', 'GitHub')], [identity()])).toBeNull();
    expect(providerNameOf('__proto__', null, null)).toBeNull();
  });
});

describe('identityKey', () => {
  it('tells apart accounts whose parts would collide when joined naively', () => {
    expect(identityKey({ provider: 'a', subject: 'b/c' })).not.toBe(identityKey({ provider: 'a/b', subject: 'c' }));
  });
});
