import type { Context, Middleware } from 'koa';
import { AppError, ErrorCode } from '../errors.js';
import type { ProviderTokens } from '../providers/types.js';
import type { SessionIdentity, Store } from '../store/types.js';
import { SessionCookie } from './sessionCookie.js';
import {
  isSignedIn,
  openSessionTokens,
  sealSessionTokens,
  sessionCookieName,
  sessionEndsAt,
  type SessionData,
  type SessionTiming,
  type SessionTokensRef,
} from './session.js';
import type { TokenCipher } from './tokenCipher.js';

declare module 'koa' {
  interface ExtendableContext {
    /**
     * The signed-in session on API paths, else null. Assign null to end it (sign-out), or a new
     * SessionData to start one under a new id (sign-in); both are written when the request ends.
     */
    session: SessionData | null;
  }
}

/** Activity refreshes lastSeenAt at most this often, so reads do not turn into a write each. */
const TOUCH_INTERVAL_MS = 60_000;

/** What the request's session read found, beside the session itself. */
interface Loaded {
  /** The session id the cookie carried (verified), whether or not a live session had it. */
  id: string;
  /** The identity the session signed in with, read in the same query (for /auth/me). */
  identity: SessionIdentity | undefined;
  /** Where the session's tokens are stored, for a refresh's compare-and-swap. */
  tokens: SessionTokensRef | undefined;
}

/** This request's session, and whether a route assigned it (null to a stale cookie counts). */
interface SessionSlot {
  current: SessionData | null;
  assigned: boolean;
  /** What the session read found; a property of the request, not a WeakMap entry (cheaper to collect). */
  loaded: Loaded | undefined;
}
const SESSION = Symbol('session');
type SlotHolder = { [SESSION]?: SessionSlot };
const loadedOf = (ctx: Context): Loaded | undefined => (ctx as SlotHolder)[SESSION]?.loaded;

/** The verified session id of this request's cookie, if it carried one (live or not). */
export const cookieSessionId = (ctx: Context): string | undefined => loadedOf(ctx)?.id;

/** The identity of this request's session, read with it; undefined when it is gone. */
export const sessionIdentity = (ctx: Context): SessionIdentity | undefined => loadedOf(ctx)?.identity;

/** Where this request's session keeps its tokens in the store. */
export const sessionTokensRef = (ctx: Context): SessionTokensRef | undefined => loadedOf(ctx)?.tokens;

/** This request's signed-in session; without one, the plain 401 (`unauthenticated`) of every route that needs it. */
export function requireSession(ctx: Context): SessionData {
  const session = ctx.session;
  if (!isSignedIn(session)) throw new AppError(ErrorCode.Unauthenticated);
  return session;
}

/**
 * `ctx.session` as an accessor on the app's context prototype, defined once: defining it on each
 * request's context would give every context a shape of its own, and slow every access to it.
 */
function defineSessionAccessor(context: object): void {
  Object.defineProperty(context, 'session', {
    configurable: true,
    get(this: SlotHolder) {
      return this[SESSION]?.current ?? null;
    },
    set(this: SlotHolder, value: SessionData | null) {
      const slot = (this[SESSION] ??= { current: null, assigned: false, loaded: undefined });
      slot.current = value;
      slot.assigned = true;
    },
  });
}

/** What a loaded session's `tokens` accessor opens on first use. */
interface LazyTokens {
  ctx: Context;
  cipher: TokenCipher;
  id: string;
  sealed: string;
  tokens: ProviderTokens | undefined;
}
const LAZY = Symbol('lazyTokens');
type LazyHolder = { [LAZY]: LazyTokens };

/**
 * One getter and one setter shared by every loaded session, the state on the session itself.
 * Accessors made per request (closures over the request) measured as a third of /auth/me's CPU:
 * each new accessor pair gives the object a new hidden class, which V8 keeps in old space with
 * the closures, so every request's context outlived the young-generation collections that should
 * have freed it (about 11 KB promoted per request, then a full collection every few seconds).
 */
const LAZY_TOKENS: PropertyDescriptor = {
  enumerable: true,
  configurable: true,
  get(this: LazyHolder) {
    const lazy = this[LAZY];
    lazy.tokens ??= openSessionTokens(lazy.cipher, lazy.id, lazy.sealed);
    if (!lazy.tokens) {
      lazy.ctx.session = null;
      throw new AppError(ErrorCode.Unauthenticated, { detail: 'the session’s tokens cannot be opened' });
    }
    return lazy.tokens;
  },
  set(this: LazyHolder, value: ProviderTokens) {
    this[LAZY].tokens = value;
  },
};

export interface SessionOptions {
  /** The app's context prototype, where `ctx.session` is defined. */
  context: object;
  store: Store;
  secure: boolean;
  timing: SessionTiming;
  now: () => number;
  cipher: TokenCipher;
  /** SESSION_SECRET and the previous ones: the first signs the cookie, each verifies it. */
  secrets: readonly string[];
}

/**
 * Server-side sessions: the cookie carries a signed random id (auth/sessionCookie.ts), the data
 * stays in the store. HttpOnly and SameSite=Strict: the SPA reads the session with same-origin
 * calls only. Both lifetimes are enforced on the server. One indexed read per request that has
 * a cookie, joined with the identity (made together with the other requests of the same event-loop
 * turn: store/batchedReads.ts); nothing is compared or re-serialised to find out whether
 * the session changed, because only three things change it: a new session, its end, and the
 * activity stamp (written at most once a minute). Tokens are decrypted only where they are used.
 */
export function sessionMiddleware(options: SessionOptions): Middleware {
  const { store, now, timing, cipher } = options;
  defineSessionAccessor(options.context);
  const name = sessionCookieName(options.secure);
  const cookie = new SessionCookie(options.secrets);
  const cookieOptions = { httpOnly: true, sameSite: 'strict', secure: options.secure, path: '/', overwrite: true, signed: false } as const;

  /** A signed cookie of the previous format (id, plus a `.sig` cookie by Keygrip); read once, then replaced. */
  const legacyId = (ctx: Context, value: string): string | undefined =>
    !value.includes('.') && ctx.cookies.get(`${name}.sig`) !== undefined ? ctx.cookies.get(name, { signed: true }) : undefined;

  /** The live session `id`, and the sealed tokens still to be moved to their column (a row of an older build). */
  async function load(ctx: Context, slot: SessionSlot, id: string): Promise<{ data: SessionData; legacyTokens: string | null } | null> {
    const record = await store.sessions.get(id, now());
    if (!record) return null;
    const { sealedTokens: legacy, ...data } = record.data;
    if (!isSignedIn(data) || sessionEndsAt(data, timing) <= now()) return null;
    // Rows written by an older build kept the sealed tokens in `data`.
    const legacyTokens = record.tokens.sealed === null && typeof legacy === 'string' ? legacy : null;
    const sealed = record.tokens.sealed ?? legacyTokens;
    // Tokens sealed by a secret no longer configured: the session ends with that secret.
    if (sealed !== null && !cipher.hasKeyFor(sealed)) return null;
    slot.loaded = { id, identity: record.identity, tokens: sealed === null ? undefined : { key: id, version: record.tokens.version } };
    if (sealed !== null) lazyTokens(ctx, data, id, sealed);
    return { data, legacyTokens };
  }

  /** `data.tokens`, opened on first use; tokens that no longer open (their secret removed) end the session. */
  function lazyTokens(ctx: Context, data: SessionData, id: string, sealed: string): void {
    (data as unknown as LazyHolder)[LAZY] = { ctx, cipher, id, sealed, tokens: undefined };
    Object.defineProperty(data, 'tokens', LAZY_TOKENS);
  }

  const write = (id: string, data: SessionData, existing: boolean, sealedTokens: string | null) => {
    // Field by field: `tokens` is never in the JSON (and reading it would open them).
    const meta = {
      userId: data.userId,
      publicId: data.publicId,
      provider: data.provider,
      subject: data.subject,
      sid: data.sid,
      createdAt: data.createdAt,
      lastSeenAt: data.lastSeenAt,
      userAgent: data.userAgent,
    };
    return store.sessions.set(id, {
      data: { ...meta, expiresAt: data.expiresAt },
      expiresAt: sessionEndsAt(data, timing),
      existing,
      sealedTokens,
      meta,
    });
  };

  return async (ctx, next) => {
    const value = ctx.cookies.get(name);
    let id: string | undefined;
    let resign = false;
    if (value) {
      const read = cookie.read(value);
      id = read?.id ?? legacyId(ctx, value);
      resign = id !== undefined && read?.current !== true;
    }
    const slot: SessionSlot = {
      current: null,
      assigned: false,
      loaded: id === undefined ? undefined : { id, identity: undefined, tokens: undefined },
    };
    (ctx as SlotHolder)[SESSION] = slot;
    const found = id === undefined ? null : await load(ctx, slot, id);
    const loaded = found?.data ?? null;
    // Written by the move of the legacy tokens too, so that it happens at once.
    let touched = found?.legacyTokens != null;
    if (loaded && now() - loaded.lastSeenAt >= TOUCH_INTERVAL_MS) {
      loaded.lastSeenAt = now();
      touched = true;
    }
    slot.current = loaded;

    // Written whether the route answered or threw: a sign-out that then fails still signs out.
    try {
      await next();
    } finally {
      const { current, assigned } = slot;
      if (!assigned || (current === loaded && loaded !== null)) {
        // Provider tokens are written here only once, from an older build's row into the empty
        // column: a refresh replaces them by compare-and-swap (tokenRefresh.ts), so this write
        // can never put older tokens back.
        if (loaded && touched) await write(id!, loaded, true, found!.legacyTokens);
        if (loaded && resign) setCookie(ctx, id!);
      } else {
        // Ended, or replaced by a new sign-in: the old id is worthless either way (session fixation).
        if (id !== undefined) await store.sessions.destroy(id);
        if (current && isSignedIn(current)) {
          const fresh = cookie.newId();
          await write(fresh, current, false, current.tokens ? sealSessionTokens(cipher, fresh, current.tokens) : null);
          setCookie(ctx, fresh);
        } else if (value !== undefined) {
          ctx.cookies.set(name, null, cookieOptions);
          dropLegacySignature(ctx);
        }
      }
    }
  };

  function setCookie(ctx: Context, id: string): void {
    ctx.cookies.set(name, cookie.value(id), { ...cookieOptions, maxAge: timing.lifetimeSeconds * 1000 });
    dropLegacySignature(ctx);
  }

  /** The previous format's signature cookie goes with the value it signed. */
  function dropLegacySignature(ctx: Context): void {
    if (ctx.cookies.get(`${name}.sig`) !== undefined) ctx.cookies.set(`${name}.sig`, null, cookieOptions);
  }
}
