import { randomBytes } from 'node:crypto';
import type Koa from 'koa';
import session from 'koa-session';
import type { ProviderTokens } from '../providers/types.js';
import type { Store } from '../store/types.js';

/** What a signed-in session holds. It lives in the store; the cookie holds only the session id. */
export interface SessionData {
  userId: string;
  provider: string;
  subject: string;
  createdAt: number;
  /** Absolute end of the session, epoch ms. */
  expiresAt: number;
  /** Kept on the server for calls on the user's behalf; never sent to the browser. */
  tokens: ProviderTokens;
}

export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-sso.sid' : 'sso.sid';
}

export function isSignedIn(data: unknown): data is SessionData {
  const d = data as Partial<SessionData> | null | undefined;
  return typeof d?.userId === 'string' && typeof d.provider === 'string' && typeof d.subject === 'string' && typeof d.expiresAt === 'number';
}

/**
 * koa-session with the store as its external store: the cookie carries a random id (signed with
 * SESSION_SECRET), the data stays on the server. HttpOnly and SameSite=Strict: the SPA reads the
 * session with same-origin calls only.
 */
export function sessionMiddleware(app: Koa, options: { store: Store; secure: boolean; lifetimeSeconds: number; now: () => number }): Koa.Middleware {
  const { store, now } = options;
  return session(
    {
      key: sessionCookieName(options.secure),
      maxAge: options.lifetimeSeconds * 1000,
      httpOnly: true,
      sameSite: 'strict',
      secure: options.secure,
      signed: true,
      rolling: false,
      renew: false,
      genid: () => randomBytes(32).toString('base64url'),
      // The absolute lifetime is enforced here too, whatever the cookie's own expiry says.
      valid: (_ctx, data) => !isSignedIn(data) || data.expiresAt > now(),
      store: {
        async get(key) {
          return (await store.sessions.get(key, now()))?.data;
        },
        async set(key, data, maxAge) {
          const record = data as Record<string, unknown>;
          const expiresAt = isSignedIn(record) ? record.expiresAt : now() + (typeof maxAge === 'number' ? maxAge : 0);
          await store.sessions.set(key, { data: record, expiresAt, userId: isSignedIn(record) ? record.userId : null });
        },
        async destroy(key) {
          await store.sessions.destroy(key);
        },
      },
    },
    app,
  );
}
