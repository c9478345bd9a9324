import { describe, expect, it } from 'vitest';
import { TokenRefresher } from '../../src/auth/tokenRefresh.js';
import { createLogger } from '../../src/logger.js';
import type { AuthProvider, ProviderTokens } from '../../src/providers/types.js';

// A provider reduced to its refresh grant, answering as some providers do: no new ID token.
function providerAnswering(answer: ProviderTokens): AuthProvider & { grants: string[] } {
  const grants: string[] = [];
  return {
    id: 'p',
    name: 'P',
    imageOrigins: [],
    grants,
    startLogin: () => Promise.reject(new Error('not used')),
    finishLogin: () => Promise.reject(new Error('not used')),
    refresh: async (refreshToken) => {
      grants.push(refreshToken);
      return answer;
    },
  };
}

describe('token refresh', () => {
  const now = 1_000_000;
  const refresher = new TokenRefresher({ now: () => now, logger: createLogger('silent') });
  const stale: ProviderTokens = { accessToken: 'old-at', refreshToken: 'rt-1', idToken: 'the-id-token', expiresAt: now - 1 };

  it('keeps the stored ID token when the refresh answer has none (RP-initiated logout still needs it)', async () => {
    const provider = providerAnswering({ accessToken: 'new-at', refreshToken: 'rt-2', idToken: null, expiresAt: now + 600_000 });
    expect(await refresher.fresh(stale, provider)).toEqual({ accessToken: 'new-at', refreshToken: 'rt-2', idToken: 'the-id-token', expiresAt: now + 600_000 });
  });

  it('takes a new ID token when the answer has one, and leaves fresh tokens alone', async () => {
    const provider = providerAnswering({ accessToken: 'new-at', refreshToken: 'rt-3', idToken: 'newer-id-token', expiresAt: now + 600_000 });
    expect((await refresher.fresh({ ...stale, refreshToken: 'rt-9' }, provider)).idToken).toBe('newer-id-token');
    const fresh = { ...stale, expiresAt: now + 600_000 };
    expect(await refresher.fresh(fresh, provider)).toBe(fresh);
    expect(provider.grants).toEqual(['rt-9']);
  });
});
