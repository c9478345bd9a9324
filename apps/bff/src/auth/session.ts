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

/**
 * The session's tokens as the store keeps them: sealed (`sealedTokens`), never as plain JSON.
 * Undefined when they cannot be opened (a secret that is no longer configured): that session ends.
 */
export function openSessionTokens(cipher: TokenCipher, sessionId: string, stored: Record<string, unknown>): ProviderTokens | undefined {
  if (typeof stored.sealedTokens !== 'string') return undefined;
  const json = cipher.open(stored.sealedTokens, sessionRowId(sessionId));
  return json === undefined ? undefined : (JSON.parse(json) as ProviderTokens);
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
        async get(key) {
          const data = (await store.sessions.get(key, now()))?.data;
          if (!data || !('sealedTokens' in data)) return data;
          const tokens = openSessionTokens(cipher, key, data);
          if (!tokens) return undefined;
          const { sealedTokens: _sealed, ...rest } = data;
          return { ...rest, tokens };
        },
        async set(key, data, maxAge) {
          const record = data as Record<string, unknown>;
          if (!isSignedIn(record)) {
            await store.sessions.set(key, { data: record, expiresAt: now() + (typeof maxAge === 'number' ? maxAge : 0), meta: null });
            return;
          }
          // Provider tokens are sealed (AES-256-GCM, bound to this row): the database never holds them in clear.
          const { tokens, ...rest } = record;
          const stored = tokens ? { ...rest, sealedTokens: cipher.seal(JSON.stringify(tokens), sessionRowId(key)) } : rest;
          await store.sessions.set(key, {
            data: stored,
            expiresAt: sessionEndsAt(record, timing),
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
