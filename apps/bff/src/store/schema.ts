/** The tables as Kysely sees them (migrations.ts creates them); times are epoch milliseconds. */
export interface UsersTable {
  id: string;
  created_at: number;
}

export interface IdentitiesTable {
  provider: string;
  subject: string;
  user_id: string;
  name: string | null;
  email: string | null;
  /** 1, 0 or null: SQLite has no boolean, and PostgreSQL stores the same SMALLINT. */
  email_verified: number | null;
  avatar_url: string | null;
  created_at: number;
  last_login_at: number;
}

export interface LoginTransactionsTable {
  state: string;
  provider: string;
  binding_hash: string;
  code_verifier: string | null;
  nonce: string | null;
  return_to: string;
  link_user_id: string | null;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
}

export interface SessionsTable {
  /** sessionRowId(cookie id): the database never holds a live cookie value. */
  id_hash: string;
  user_id: string | null;
  data: string;
  expires_at: number;
  public_id: string | null;
  provider: string | null;
  subject: string | null;
  sid: string | null;
  created_at: number | null;
  last_seen_at: number | null;
  user_agent: string | null;
  /** The provider tokens, sealed (auth/tokenCipher.ts). */
  tokens: string | null;
  token_version: number;
  refresh_lease_until: number | null;
}

export interface EndedSessionsTable {
  id_hash: string;
  reason: string;
  expires_at: number;
}

/** A sign-out hand-off: the sealed end-session form, under the hash of its one-time id. */
export interface LogoutHandoffsTable {
  id_hash: string;
  sealed: string;
  expires_at: number;
}

export interface ReplaysTable {
  key: string;
  expires_at: number;
}

/** One fixed-window counter per rate-limit bucket and client address (middleware/rateLimit.ts). */
export interface RateLimitsTable {
  key: string;
  window_start: number;
  count: number;
  /** The end of the window: the row means nothing after it, and the sweep deletes it. */
  expires_at: number;
}

export interface Database {
  users: UsersTable;
  identities: IdentitiesTable;
  login_transactions: LoginTransactionsTable;
  sessions: SessionsTable;
  ended_sessions: EndedSessionsTable;
  logout_handoffs: LogoutHandoffsTable;
  replays: ReplaysTable;
  rate_limits: RateLimitsTable;
}
