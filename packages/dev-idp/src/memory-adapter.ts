import type { Adapter, AdapterFactory, AdapterPayload } from 'oidc-provider';

interface Entry {
  payload: AdapterPayload;
  /** Epoch milliseconds; undefined = never expires. */
  expiresAt: number | undefined;
}

/** Models whose records belong to a grant and die with it (revokeByGrantId). */
const GRANTABLE = new Set(['AccessToken', 'AuthorizationCode', 'RefreshToken', 'DeviceCode', 'BackchannelAuthenticationRequest']);

/** How many writes between sweeps of expired records. */
const SWEEP_EVERY = 100;

/** oidc-provider's storage for one Dev IdP, plus the one query oidc-provider's Adapter interface lacks. */
export interface MemoryStore {
  adapter: AdapterFactory;
  /** The ids of the live IdP sessions in which `accountId` is signed in (for `endSessionsFor`). */
  sessionIdsOf: (accountId: string) => string[];
}

/**
 * An in-memory store for oidc-provider, one per Dev IdP instance.
 * We use our own rather than oidc-provider's built-in one because that one is shared by every
 * provider in the process (tests start several) and warns loudly on every start.
 */
export function createMemoryStore(): MemoryStore {
  const records = new Map<string, Entry>();
  const sessionIdByUid = new Map<string, string>();
  const keysByGrant = new Map<string, Set<string>>();
  let writes = 0;

  const live = (key: string): AdapterPayload | undefined => {
    const entry = records.get(key);
    if (!entry) return undefined;
    if (entry.expiresAt !== undefined && entry.expiresAt <= Date.now()) {
      records.delete(key);
      return undefined;
    }
    return entry.payload;
  };

  const sweep = () => {
    const now = Date.now();
    for (const [key, entry] of records) {
      if (entry.expiresAt !== undefined && entry.expiresAt <= now) records.delete(key);
    }
    for (const [uid, id] of sessionIdByUid) {
      if (!records.has(`Session:${id}`)) sessionIdByUid.delete(uid);
    }
    for (const [grantId, keys] of keysByGrant) {
      for (const key of keys) if (!records.has(key)) keys.delete(key);
      if (keys.size === 0) keysByGrant.delete(grantId);
    }
  };

  const sessionIdsOf = (accountId: string): string[] => {
    const ids: string[] = [];
    for (const key of records.keys()) {
      if (!key.startsWith('Session:')) continue;
      if (live(key)?.accountId === accountId) ids.push(key.slice('Session:'.length));
    }
    return ids;
  };

  const adapter = (model: string): Adapter => {
    const keyFor = (id: string) => `${model}:${id}`;
    // The records are in memory, so every method settles at once; the interface asks for promises.
    return {
      upsert(id, payload, expiresIn) {
        const key = keyFor(id);
        records.set(key, {
          payload,
          expiresAt: typeof expiresIn === 'number' ? Date.now() + expiresIn * 1000 : undefined,
        });
        if (model === 'Session' && payload.uid) sessionIdByUid.set(payload.uid, id);
        if (GRANTABLE.has(model) && payload.grantId) {
          const keys = keysByGrant.get(payload.grantId) ?? new Set<string>();
          keys.add(key);
          keysByGrant.set(payload.grantId, keys);
        }
        writes += 1;
        if (writes % SWEEP_EVERY === 0) sweep();
        return Promise.resolve();
      },
      find(id) {
        return Promise.resolve(live(keyFor(id)));
      },
      findByUid(uid) {
        const id = sessionIdByUid.get(uid);
        return Promise.resolve(id === undefined ? undefined : live(keyFor(id)));
      },
      findByUserCode() {
        // The device flow is off; nothing is ever stored by user code.
        return Promise.resolve(undefined);
      },
      consume(id) {
        const payload = live(keyFor(id));
        if (payload) payload.consumed = Math.floor(Date.now() / 1000);
        return Promise.resolve();
      },
      destroy(id) {
        records.delete(keyFor(id));
        return Promise.resolve();
      },
      revokeByGrantId(grantId) {
        for (const key of keysByGrant.get(grantId) ?? []) records.delete(key);
        keysByGrant.delete(grantId);
        return Promise.resolve();
      },
    };
  };

  return { adapter, sessionIdsOf };
}
