/**
 * Storage behind the routes. Everything is async so that a server database can implement the same
 * interface; every implementation runs the contract tests in test/store.contract.ts.
 */

/** What a provider told us about a user at sign-in. */
export interface IdentityInput {
  provider: string;
  subject: string;
  name: string | null;
  email: string | null;
  emailVerified: boolean | null;
  avatarUrl: string | null;
}

export interface Identity extends IdentityInput {
  userId: string;
  createdAt: number;
  lastLoginAt: number;
}

/**
 * The identity a session signed in with, as its read gives it: who and what they showed, but not
 * its provider and subject (the session's own) nor its dates, which nothing reads per request.
 * Every column fewer is parsed less at every signed-in request.
 */
export type SessionIdentity = Pick<Identity, 'userId' | 'name' | 'email' | 'emailVerified' | 'avatarUrl'>;

export interface User {
  id: string;
  createdAt: number;
}

/** A login in progress, from the redirect to the provider until its callback. */
export interface LoginTransaction {
  state: string;
  provider: string;
  /** SHA-256 of the browser-binding cookie's value. */
  bindingHash: string;
  codeVerifier: string | null;
  nonce: string | null;
  returnTo: string;
  /** Set when a signed-in user is connecting another account: the user to attach it to. */
  linkUserId: string | null;
  createdAt: number;
  expiresAt: number;
}

export type ConsumeResult =
  | { status: 'ok'; transaction: LoginTransaction }
  | { status: 'unknown' }
  | { status: 'consumed'; transaction: LoginTransaction }
  | { status: 'expired'; transaction: LoginTransaction };

export interface SessionRecord {
  data: Record<string, unknown>;
  expiresAt: number;
}

/** A session's provider tokens as stored: sealed, with the version a compare-and-swap checks. */
export interface StoredTokens {
  /** Null for a session without tokens (or one written by an older build, which kept them in `data`). */
  sealed: string | null;
  version: number;
}

/** What the store indexes about a signed-in session, for lists, revocation and back-channel logout. */
export interface SessionMeta {
  userId: string;
  /** A random handle safe to show to the user (never the cookie's session id). */
  publicId: string;
  provider: string;
  subject: string;
  /** The provider's session id (ID token `sid`), for back-channel logout. */
  sid: string | null;
  createdAt: number;
  lastSeenAt: number;
  userAgent: string | null;
}

export interface SessionSummary extends Omit<SessionMeta, 'userId' | 'subject' | 'sid'> {
  expiresAt: number;
}

/** Why a session was ended by someone else than its own browser. */
export type SessionEndReason = 'signed_out_elsewhere';

/** What disconnecting an identity did; `endedSessions`: the sessions that had signed in with it. */
export type UnlinkResult = { status: 'ok'; endedSessions: number } | { status: 'not_found' } | { status: 'last' };

export interface Store {
  users: {
    /**
     * Finds the user who owns provider + subject, or creates one, and refreshes the identity's
     * profile fields. Never matches by email.
     */
    signIn(identity: IdentityInput, now: number): Promise<{ user: User; identity: Identity; created: boolean }>;
    getIdentity(provider: string, subject: string): Promise<Identity | undefined>;
    /**
     * Connects an identity to an existing user (refreshing its profile). Refuses, changing nothing,
     * when the identity already belongs to another user: accounts are never merged silently.
     */
    link(
      userId: string,
      identity: IdentityInput,
      now: number,
    ): Promise<{ status: 'linked' | 'already_linked'; identity: Identity } | { status: 'in_use' }>;
    /** The user's identities, oldest first. */
    listIdentities(userId: string): Promise<Identity[]>;
    /**
     * Disconnects an identity, but never the user's last one, and in the same transaction ends the
     * user's sessions that signed in with it (each marked with `reason` when given): an account
     * that no longer belongs to the user must not keep a session of theirs open.
     */
    unlink(userId: string, provider: string, subject: string, reason?: SessionEndReason): Promise<UnlinkResult>;
    getUser(id: string): Promise<User | undefined>;
  };
  transactions: {
    /**
     * Stores a login in progress. With `maxPendingPerBinding`, the binding's older unused
     * transactions beyond that many (this one included) are dropped, oldest first.
     */
    create(tx: LoginTransaction, options?: { maxPendingPerBinding?: number }): Promise<void>;
    /** Looks a transaction up by state without using it; `consumed`: it has been used. */
    find(state: string): Promise<(LoginTransaction & { consumed: boolean }) | undefined>;
    /** How many unused, unexpired logins the browser binding still has in flight. */
    pending(bindingHash: string, now: number): Promise<number>;
    /** Marks the transaction used, exactly once (RFC 9700 §4.7: state is single-use). */
    consume(state: string, now: number): Promise<ConsumeResult>;
  };
  sessions: {
    /** A live session, with the identity it signed in with (its provider and subject), when that still exists. */
    get(id: string, now: number): Promise<(SessionRecord & { tokens: StoredTokens; identity?: SessionIdentity | undefined }) | undefined>;
    /**
     * Writes a session. `sealedTokens` is stored only where the row has none yet (a new session):
     * after that, tokens change only through {@link replaceTokens}, so a request that loaded the
     * session before a refresh can never write the old tokens back. With `existing`, the session
     * was loaded from the store: it is only updated, so a write from a request that began before
     * another instance ended the session cannot bring it back.
     */
    set(id: string, record: SessionRecord & { meta: SessionMeta | null; sealedTokens?: string | null; existing?: boolean }): Promise<void>;
    /** The session's tokens as they are now; undefined when the session is gone. */
    getTokens(id: string, now: number): Promise<StoredTokens | undefined>;
    /**
     * Takes the session's refresh lease until `until`, if its tokens are still at `version` and no
     * other instance holds a live lease: true for exactly one of many concurrent callers.
     */
    leaseRefresh(id: string, version: number, until: number, now: number): Promise<boolean>;
    /** Replaces tokens still at `version` (the version goes up by one) and drops the lease; false if they moved on. */
    replaceTokens(id: string, version: number, sealed: string): Promise<boolean>;
    /** Drops the refresh lease (a refresh that failed), so another request may try. */
    releaseRefresh(id: string): Promise<void>;
    destroy(id: string): Promise<void>;
    /** The user's live sessions, most recently seen first. */
    listForUser(userId: string, now: number): Promise<SessionSummary[]>;
    /**
     * Ends one of the user's sessions by its public id; false when there is no such session. With
     * a `reason`, the ended session's next visit can learn it once ({@link takeEndReason}).
     */
    destroyByPublicId(userId: string, publicId: string, reason?: SessionEndReason): Promise<boolean>;
    /** Ends all of the user's sessions except the one with `keepPublicId`; returns how many. */
    destroyAllForUser(userId: string, keepPublicId?: string, reason?: SessionEndReason): Promise<number>;
    /** Why the session with this id was ended, once (the marker goes with the answer); undefined if it was not, or long ago. */
    takeEndReason(id: string, now: number): Promise<string | undefined>;
    /** Back-channel logout: ends the sessions of a provider's user, or of one provider session (`sid`). */
    destroyByProviderSession(provider: string, match: { subject?: string; sid?: string }): Promise<number>;
  };
  /**
   * Sign-out hand-offs (auth/logoutHandoff.ts): what the end-session page posts to the provider,
   * sealed, kept for a minute or two and read once, by whichever instance the browser reaches.
   */
  logoutHandoffs: {
    /** Keeps `sealed` under `id` (stored hashed, like session ids) until `expiresAt`. */
    create(id: string, sealed: string, expiresAt: number): Promise<void>;
    /** The sealed hand-off, deleted in the same statement: for exactly one caller; undefined when unknown, used or expired. */
    take(id: string, now: number): Promise<string | undefined>;
  };
  /** One-time markers shared by every instance (back-channel logout `jti` values). */
  replays: {
    /** Records `key` until `expiresAt`; true only for the first claim while it lasts. */
    claim(key: string, expiresAt: number, now: number): Promise<boolean>;
  };
  /** Request counters shared by every instance (rate limits). */
  rateLimits: {
    /**
     * Counts one request against `key` in the fixed window of `windowMs` that `now` falls in, in
     * one statement; returns the count so far in that window (this one included) and when it ends.
     */
    hit(key: string, windowMs: number, now: number): Promise<{ count: number; resetAt: number }>;
  };
  /** Readiness: answers only if the database does; the schema version it has and the one this build needs. */
  check(): Promise<{ schemaVersion: number; expectedVersion: number }>;
  /**
   * Deletes expired sessions, markers and rate-limit windows, unused login transactions once
   * expired and used ones an hour later; returns how many rows went.
   */
  sweep(now: number): Promise<number>;
  close(): Promise<void>;
}
