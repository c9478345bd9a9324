import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import session from 'koa-session';
import type { ProviderTokens } from '../providers/types.js';
import { sessionRowId } from '../store/sessionId.js';
import type { Store } from '../store/types.js';
import type { TokenCipher } from './tokenCipher.js';

/** What a signed-in session holds. It lives in the store; the cookie holds only the session id. */
export interface SessionData {
  userId: string;
  provider: string;
  subject: string;
  /** A random handle for this session that is safe to show ("signed-in devices"). */
  publicId: string;
  /** The provider's session id (ID token `sid`), for back-channel logout; null when none. */
  sid: string | null;
  createdAt: number;
  /** Absolute end of the session, epoch ms. */
  expiresAt: number;
  /** Last activity, epoch ms: the idle timeout counts from here. */
  lastSeenAt: number;
  userAgent: string | null;
  /** Kept on the server for calls on the user's behalf; never sent to the browser. */
  tokens: ProviderTokens;
}

export interface SessionTiming {
  /** Absolute lifetime, seconds. */
  lifetimeSeconds: number;
  /** Idle timeout, seconds. */
  idleSeconds: number;
}

/** Where this request's session keeps its tokens in the store: for a refresh's compare-and-swap. */
export interface SessionTokensRef {
  /** The session id (the cookie's value; the store hashes it). */
  key: string;
  /** The version of the tokens this request loaded. */
  version: number;
}

/** ctx.state key of the id of the session this request loaded from the store. */
const LOADED_SESSION = 'loadedSessionKey';

/** ctx.state key of the request's {@link SessionTokensRef}. */
export const SESSION_TOKENS = 'sessionTokens';

/**
 * Opens sealed tokens of the session `sessionId` (sealed with its row id as additional data).
 * Undefined when they cannot be opened (a secret that is no longer configured): that session ends.
 */
export function openSessionTokens(cipher: TokenCipher, sessionId: string, sealed: string): ProviderTokens | undefined {
  const json = cipher.open(sealed, sessionRowId(sessionId));
  return json === undefined ? undefined : (JSON.parse(json) as ProviderTokens);
}

export function sealSessionTokens(cipher: TokenCipher, sessionId: string, tokens: ProviderTokens): string {
  return cipher.seal(JSON.stringify(tokens), sessionRowId(sessionId));
}

/** Activity refreshes lastSeenAt at most this often, so reads do not turn into a write each. */
const TOUCH_INTERVAL_MS = 60_000;

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-sso.sid' : 'sso.sid';
}

export function isSignedIn(data: unknown): data is SessionData {
  const d = data as Partial<SessionData> | null | undefined;
  return (
    typeof d?.userId === 'string' &&
    typeof d.provider === 'string' &&
    typeof d.subject === 'string' &&
    typeof d.expiresAt === 'number' &&
    typeof d.lastSeenAt === 'number' &&
    typeof d.publicId === 'string'
  );
}

/** When the session ends: at its absolute end, or after the idle timeout, whichever comes first. */
export function sessionEndsAt(data: SessionData, timing: SessionTiming): number {
  return Math.min(data.expiresAt, data.lastSeenAt + timing.idleSeconds * 1000);
}

/** A new session's data. */
export function newSession(input: Omit<SessionData, 'publicId' | 'createdAt' | 'expiresAt' | 'lastSeenAt'>, now: number, timing: SessionTiming): SessionData {
  return {
    ...input,
    publicId: randomBytes(16).toString('base64url'),
    createdAt: now,
    lastSeenAt: now,
    expiresAt: now + timing.lifetimeSeconds * 1000,
  };
}

/**
 * koa-session with the store as its external store: the cookie carries a random id (signed with
 * SESSION_SECRET), the data stays on the server. HttpOnly and SameSite=Strict: the SPA reads the
 * session with same-origin calls only. Both lifetimes are enforced on the server.
 */
export function sessionMiddleware(
  app: Koa,
  options: { store: Store; secure: boolean; timing: SessionTiming; now: () => number; cipher: TokenCipher },
): Koa.Middleware {
  const { store, now, timing, cipher } = options;
  const middleware = session(
    {
      key: sessionCookieName(options.secure),
      maxAge: timing.lifetimeSeconds * 1000,
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secure,
      signed: true,
      rolling: false,
      renew: false,
      genid: () => randomBytes(32).toString('base64url'),
      valid: (_ctx, data) => !isSignedIn(data) || sessionEndsAt(data, timing) > now(),
      store: {
        async get(key, _maxAge, { ctx }) {
          const record = await store.sessions.get(key, now());
          if (!record) return undefined;
          ctx.state[LOADED_SESSION] = key;
          // Rows written by an older build kept the sealed tokens in `data`.
          const { sealedTokens: legacy, ...data } = record.data;
          const sealed = record.tokens.sealed ?? (typeof legacy === 'string' ? legacy : null);
          if (sealed === null) return data;
          const tokens = openSessionTokens(cipher, key, sealed);
          if (!tokens) return undefined;
          const ref: SessionTokensRef = { key, version: record.tokens.version };
          ctx.state[SESSION_TOKENS] = ref;
          return { ...data, tokens };
        },
        async set(key, data, maxAge, { ctx }) {
          const record = data as Record<string, unknown>;
          // Loaded from the store at the start of this request: update only, never re-create.
          const existing = ctx.state[LOADED_SESSION] === key;
          if (!isSignedIn(record)) {
            await store.sessions.set(key, { data: record, expiresAt: now() + (typeof maxAge === 'number' ? maxAge : 0), meta: null });
            return;
          }
          // Provider tokens go to their own column, sealed (AES-256-GCM, bound to this row), and
          // only into a row that has none: a refresh replaces them by compare-and-swap
          // (tokenRefresh.ts), so this write can never put older tokens back.
          const { tokens, ...rest } = record;
          await store.sessions.set(key, {
            data: rest,
            expiresAt: sessionEndsAt(record, timing),
            existing,
            sealedTokens: tokens ? sealSessionTokens(cipher, key, tokens) : null,
            meta: {
              userId: record.userId,
              publicId: record.publicId,
              provider: record.provider,
              subject: record.subject,
              sid: record.sid,
              createdAt: record.createdAt,
              lastSeenAt: record.lastSeenAt,
              userAgent: record.userAgent,
            },
          });
        },
        async destroy(key) {
          await store.sessions.destroy(key);
        },
      },
    },
    app,
  );
  // Activity moves the idle deadline (written at most once a minute).
  return async (ctx, next) =>
    middleware(ctx, async () => {
      const data = ctx.session;
      if (isSignedIn(data) && now() - data.lastSeenAt >= TOUCH_INTERVAL_MS) data.lastSeenAt = now();
      await next();
    });
}
