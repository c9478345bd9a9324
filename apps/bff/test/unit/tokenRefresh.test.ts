import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSessionTokens, sealSessionTokens } from '../../src/auth/session.js';
import { TokenCipher } from '../../src/auth/tokenCipher.js';
import { TokenRefresher, type RefreshOutcome } from '../../src/auth/tokenRefresh.js';
import { AppError, ErrorCode } from '../../src/errors.js';
import { createLogger } from '../../src/logger.js';
import type { AuthProvider, ProviderTokens } from '../../src/providers/types.js';
import { openSqliteStore } from '../../src/store/sqlite.js';
import type { Store } from '../../src/store/types.js';

const now = 1_000_000;
const cipher = new TokenCipher(['unit-test-secret-0123456789-abcdefghijkl']);
const stale: ProviderTokens = { accessToken: 'old-at', refreshToken: 'rt-1', idToken: 'the-id-token', expiresAt: now - 1 };

/** A provider reduced to its refresh grant, rotating refresh tokens and refusing a spent one, as strict providers do. */
function rotatingProvider(options: { idToken?: string | null; delayMs?: number; fail?: () => AppError | undefined } = {}) {
  const grants: string[] = [];
  let live = 'rt-1';
  const provider: AuthProvider = {
    id: 'p',
    name: 'P',
    imageOrigins: [],
    startLogin: () => Promise.reject(new Error('not used')),
    finishLogin: () => Promise.reject(new Error('not used')),
    refresh: async (refreshToken) => {
      grants.push(refreshToken);
      await new Promise((resolve) => setTimeout(resolve, options.delayMs ?? 0));
      const failure = options.fail?.();
      if (failure) throw failure;
      if (refreshToken !== live) throw new AppError(ErrorCode.Unauthenticated, { detail: 'invalid_grant' });
      live = `rt-${grants.length + 1}`;
      return {
        accessToken: `at-${grants.length + 1}`,
        refreshToken: live,
        idToken: options.idToken === undefined ? null : options.idToken,
        expiresAt: now + 600_000,
      };
    },
  };
  return { provider, grants };
}

let dir: string;
let stores: Store[];
const outcomes: RefreshOutcome[] = [];

/** One "instance": its own store connection and refresher, on the shared file. */
function instance(): { store: Store; refresher: TokenRefresher } {
  const store = openSqliteStore(join(dir, 'sso.sqlite'));
  stores.push(store);
  return {
    store,
    refresher: new TokenRefresher({ now: () => now, logger: createLogger('silent'), store, cipher, onOutcome: (o) => outcomes.push(o) }),
  };
}

async function sessionWith(store: Store, tokens: ProviderTokens, key = 'session-key'): Promise<{ key: string; version: number }> {
  await store.sessions.set(key, {
    data: { userId: 'u' },
    expiresAt: now + 3_600_000,
    meta: null,
    sealedTokens: sealSessionTokens(cipher, key, tokens),
  });
  return { key, version: (await store.sessions.getTokens(key, now))!.version };
}

async function storedTokens(store: Store, key = 'session-key'): Promise<ProviderTokens> {
  return openSessionTokens(cipher, key, (await store.sessions.getTokens(key, now))!.sealed!)!;
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'sso-refresh-'));
  stores = [];
  outcomes.length = 0;
});
afterEach(async () => {
  for (const store of stores) await store.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('token refresh', () => {
  it('keeps the stored ID token when the refresh answer has none (RP-initiated logout still needs it), and stores the new tokens', async () => {
    const { store, refresher } = instance();
    const ref = await sessionWith(store, stale);
    const { provider } = rotatingProvider({ idToken: null });
    expect(await refresher.fresh(stale, provider, ref)).toEqual({
      accessToken: 'at-2',
      refreshToken: 'rt-2',
      idToken: 'the-id-token',
      expiresAt: now + 600_000,
    });
    expect(await storedTokens(store)).toMatchObject({ accessToken: 'at-2', refreshToken: 'rt-2', idToken: 'the-id-token' });
    expect((await store.sessions.getTokens(ref.key, now))!.version).toBe(ref.version + 1);
  });

  it('takes a new ID token when the answer has one, and leaves fresh tokens alone', async () => {
    const { store, refresher } = instance();
    const ref = await sessionWith(store, stale);
    const { provider, grants } = rotatingProvider({ idToken: 'newer-id-token' });
    expect((await refresher.fresh(stale, provider, ref)).idToken).toBe('newer-id-token');
    const fresh = { ...stale, expiresAt: now + 600_000 };
    expect(await refresher.fresh(fresh, provider, ref)).toBe(fresh);
    expect(grants).toEqual(['rt-1']);
  });

  it('is single-flight across instances: concurrent calls on two instances make one grant and all get the new token', async () => {
    const a = instance();
    const b = instance();
    const ref = await sessionWith(a.store, stale);
    const { provider, grants } = rotatingProvider({ delayMs: 100 });
    const calls = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? a : b).refresher.fresh(stale, provider, ref));
    const results = await Promise.all(calls);
    expect(grants).toEqual(['rt-1']);
    expect(new Set(results.map((t) => t.accessToken))).toEqual(new Set(['at-2']));
    expect(outcomes.filter((o) => o === 'refreshed')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'shared')).toHaveLength(1);
  });

  it('a request that loaded the session before the refresh gets the new tokens instead of spending the old refresh token', async () => {
    const a = instance();
    const b = instance();
    const ref = await sessionWith(a.store, stale);
    const { provider, grants } = rotatingProvider();
    await a.refresher.fresh(stale, provider, ref);
    // B still holds what it read before: the old tokens at the old version.
    expect((await b.refresher.fresh(stale, provider, ref)).accessToken).toBe('at-2');
    expect(grants).toEqual(['rt-1']);
  });

  it('a session write from a request that loaded the old tokens never puts them back', async () => {
    const { store, refresher } = instance();
    const ref = await sessionWith(store, stale);
    await refresher.fresh(stale, rotatingProvider().provider, ref);
    // What koa-session does at the end of a request that loaded the session earlier.
    await store.sessions.set(ref.key, {
      data: { userId: 'u', touched: true },
      expiresAt: now + 3_600_000,
      meta: null,
      sealedTokens: sealSessionTokens(cipher, ref.key, stale),
    });
    expect((await storedTokens(store)).refreshToken).toBe('rt-2');
    expect((await store.sessions.get(ref.key, now))!.data).toEqual({ userId: 'u', touched: true });
  });

  it('a provider that cannot answer leaves the session and frees the lease, so the next call refreshes', async () => {
    const { store, refresher } = instance();
    const ref = await sessionWith(store, stale);
    let down = true;
    const { provider, grants } = rotatingProvider({ fail: () => (down ? new AppError(ErrorCode.ProviderUnavailable) : undefined) });
    await expect(refresher.fresh(stale, provider, ref)).rejects.toMatchObject({ code: ErrorCode.ProviderUnavailable });
    expect(await storedTokens(store)).toEqual(stale);
    down = false;
    expect((await refresher.fresh(stale, provider, ref)).refreshToken).toBe('rt-3');
    expect(grants).toEqual(['rt-1', 'rt-1']);
    expect(outcomes).toEqual(['failed', 'refreshed']);
  });

  it('a refused refresh token (invalid_grant) is an unauthenticated error: the caller ends the session', async () => {
    const { store, refresher } = instance();
    const ref = await sessionWith(store, { ...stale, refreshToken: 'revoked' });
    await expect(refresher.fresh({ ...stale, refreshToken: 'revoked' }, rotatingProvider().provider, ref)).rejects.toMatchObject({
      code: ErrorCode.Unauthenticated,
    });
    expect(outcomes).toEqual(['invalid_grant']);
  });

  it('waiters learn that the session ended while another instance refreshed', async () => {
    const a = instance();
    const b = instance();
    const ref = await sessionWith(a.store, stale);
    expect(await a.store.sessions.leaseRefresh(ref.key, ref.version, now + 15_000, now)).toBe(true);
    const waiting = b.refresher.fresh(stale, rotatingProvider().provider, ref);
    await a.store.sessions.destroy(ref.key);
    await expect(waiting).rejects.toMatchObject({ code: ErrorCode.Unauthenticated });
  });
});
