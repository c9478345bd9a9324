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
    link(userId: string, identity: IdentityInput, now: number): Promise<{ status: 'linked' | 'already_linked'; identity: Identity } | { status: 'in_use' }>;
    /** The user's identities, oldest first. */
    listIdentities(userId: string): Promise<Identity[]>;
    /** Disconnects an identity, but never the user's last one. */
    unlink(userId: string, provider: string, subject: string): Promise<'ok' | 'not_found' | 'last'>;
    getUser(id: string): Promise<User | undefined>;
  };
  transactions: {
    create(tx: LoginTransaction): Promise<void>;
    /** Looks a transaction up by state without using it. */
    find(state: string): Promise<LoginTransaction | undefined>;
    /** Marks the transaction used, exactly once (RFC 9700 §4.7: state is single-use). */
    consume(state: string, now: number): Promise<ConsumeResult>;
  };
  sessions: {
    get(id: string, now: number): Promise<SessionRecord | undefined>;
    set(id: string, record: SessionRecord & { userId: string | null }): Promise<void>;
    destroy(id: string): Promise<void>;
  };
  /** Deletes expired sessions and old transactions; returns how many rows went. */
  sweep(now: number): Promise<number>;
  close(): Promise<void>;
}
