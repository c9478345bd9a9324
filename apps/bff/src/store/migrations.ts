/**
 * Schema versions per dialect, applied in order. SQLite records how many ran in `PRAGMA
 * user_version`, PostgreSQL in the `schema_version` table. Append only: never edit a migration
 * that has shipped. Both dialects end at the same tables and columns: one set of queries
 * (kysely.ts) runs on either.
 */
export const sqliteMigrations: string[] = [
  `
  CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    created_at  INTEGER NOT NULL
  );
  CREATE TABLE identities (
    provider        TEXT NOT NULL,
    subject         TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT,
    email           TEXT,
    email_verified  INTEGER,
    avatar_url      TEXT,
    created_at      INTEGER NOT NULL,
    last_login_at   INTEGER NOT NULL,
    PRIMARY KEY (provider, subject)
  );
  CREATE INDEX identities_user ON identities(user_id);
  CREATE TABLE login_transactions (
    state          TEXT PRIMARY KEY,
    provider       TEXT NOT NULL,
    binding_hash   TEXT NOT NULL,
    code_verifier  TEXT,
    nonce          TEXT,
    return_to      TEXT NOT NULL,
    created_at     INTEGER NOT NULL,
    expires_at     INTEGER NOT NULL,
    consumed_at    INTEGER
  );
  CREATE TABLE sessions (
    id_hash     TEXT PRIMARY KEY,
    user_id     TEXT REFERENCES users(id) ON DELETE CASCADE,
    data        TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  `,
  // 2: account linking: a login transaction may attach the new identity to a signed-in user.
  `
  ALTER TABLE login_transactions ADD COLUMN link_user_id TEXT;
  `,
  // 3: sessions indexed for "signed-in devices", revocation and back-channel logout.
  `
  ALTER TABLE sessions ADD COLUMN public_id TEXT;
  ALTER TABLE sessions ADD COLUMN provider TEXT;
  ALTER TABLE sessions ADD COLUMN subject TEXT;
  ALTER TABLE sessions ADD COLUMN sid TEXT;
  ALTER TABLE sessions ADD COLUMN created_at INTEGER;
  ALTER TABLE sessions ADD COLUMN last_seen_at INTEGER;
  ALTER TABLE sessions ADD COLUMN user_agent TEXT;
  CREATE UNIQUE INDEX sessions_public_id ON sessions(public_id);
  CREATE INDEX sessions_provider_subject ON sessions(provider, subject);
  CREATE INDEX sessions_provider_sid ON sessions(provider, sid);
  `,
  // 4: sessions the user signed out from another device leave a marker until they would have
  // expired, so that device can be told why at its next request.
  `
  CREATE TABLE ended_sessions (
    id_hash     TEXT PRIMARY KEY,
    reason      TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
  );
  CREATE INDEX ended_sessions_expiry ON ended_sessions(expires_at);
  `,
  // 5: one-time markers (back-channel logout jti values) shared by every instance on this database.
  `
  CREATE TABLE replays (
    key         TEXT PRIMARY KEY,
    expires_at  INTEGER NOT NULL
  );
  CREATE INDEX replays_expiry ON replays(expires_at);
  `,
  // 6: tokens in their own column, replaced only by compare-and-swap on token_version, so that a
  // session write never puts old tokens back; a refresh lease makes refresh single-flight across
  // instances. Tokens of older rows stay in `data` until the row is next written.
  `
  ALTER TABLE sessions ADD COLUMN tokens TEXT;
  ALTER TABLE sessions ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;
  ALTER TABLE sessions ADD COLUMN refresh_lease_until INTEGER;
  `,
  // 7: sign-out hand-offs: the end-session form (sealed) under the hash of a one-time id, for a
  // minute or two, so that the ID token reaches the provider without ever being in a URL.
  `
  CREATE TABLE logout_handoffs (
    id_hash     TEXT PRIMARY KEY,
    sealed      TEXT NOT NULL,
    expires_at  INTEGER NOT NULL
  );
  CREATE INDEX logout_handoffs_expiry ON logout_handoffs(expires_at);
  `,
  // 8: rate-limit counters shared by every instance; pending logins found by their browser binding
  // (at most a few each) and by expiry (the sweep), so a flood of login starts stays bounded.
  `
  CREATE TABLE rate_limits (
    key           TEXT PRIMARY KEY,
    window_start  INTEGER NOT NULL,
    count         INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL
  );
  CREATE INDEX rate_limits_expiry ON rate_limits(expires_at);
  CREATE INDEX login_transactions_binding ON login_transactions(binding_hash, created_at);
  CREATE INDEX login_transactions_expiry ON login_transactions(expires_at);
  `,
];

/** PostgreSQL started at SQLite's version 6: its first migration is that whole schema. */
export const postgresMigrations: string[] = [
  `
  CREATE TABLE users (
    id          TEXT PRIMARY KEY,
    created_at  BIGINT NOT NULL
  );
  CREATE TABLE identities (
    provider        TEXT NOT NULL,
    subject         TEXT NOT NULL,
    user_id         TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name            TEXT,
    email           TEXT,
    email_verified  SMALLINT,
    avatar_url      TEXT,
    created_at      BIGINT NOT NULL,
    last_login_at   BIGINT NOT NULL,
    PRIMARY KEY (provider, subject)
  );
  CREATE INDEX identities_user ON identities(user_id);
  CREATE TABLE login_transactions (
    state          TEXT PRIMARY KEY,
    provider       TEXT NOT NULL,
    binding_hash   TEXT NOT NULL,
    code_verifier  TEXT,
    nonce          TEXT,
    return_to      TEXT NOT NULL,
    link_user_id   TEXT,
    created_at     BIGINT NOT NULL,
    expires_at     BIGINT NOT NULL,
    consumed_at    BIGINT
  );
  CREATE INDEX login_transactions_expiry ON login_transactions(expires_at);
  CREATE TABLE sessions (
    id_hash              TEXT PRIMARY KEY,
    user_id              TEXT REFERENCES users(id) ON DELETE CASCADE,
    data                 TEXT NOT NULL,
    expires_at           BIGINT NOT NULL,
    public_id            TEXT UNIQUE,
    provider             TEXT,
    subject              TEXT,
    sid                  TEXT,
    created_at           BIGINT,
    last_seen_at         BIGINT,
    user_agent           TEXT,
    tokens               TEXT,
    token_version        INTEGER NOT NULL DEFAULT 0,
    refresh_lease_until  BIGINT
  );
  CREATE INDEX sessions_user ON sessions(user_id);
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  CREATE INDEX sessions_provider_subject ON sessions(provider, subject);
  CREATE INDEX sessions_provider_sid ON sessions(provider, sid);
  CREATE TABLE ended_sessions (
    id_hash     TEXT PRIMARY KEY,
    reason      TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
  );
  CREATE INDEX ended_sessions_expiry ON ended_sessions(expires_at);
  CREATE TABLE replays (
    key         TEXT PRIMARY KEY,
    expires_at  BIGINT NOT NULL
  );
  CREATE INDEX replays_expiry ON replays(expires_at);
  `,
  // 2 (SQLite's 7): sign-out hand-offs, sealed, under the hash of a one-time id.
  `
  CREATE TABLE logout_handoffs (
    id_hash     TEXT PRIMARY KEY,
    sealed      TEXT NOT NULL,
    expires_at  BIGINT NOT NULL
  );
  CREATE INDEX logout_handoffs_expiry ON logout_handoffs(expires_at);
  `,
  // 3 (SQLite's 8): rate-limit counters shared by every instance; pending logins found by their
  // browser binding (at most a few each), so a flood of login starts stays bounded.
  `
  CREATE TABLE rate_limits (
    key           TEXT PRIMARY KEY,
    window_start  BIGINT NOT NULL,
    count         INTEGER NOT NULL,
    expires_at    BIGINT NOT NULL
  );
  CREATE INDEX rate_limits_expiry ON rate_limits(expires_at);
  CREATE INDEX login_transactions_binding ON login_transactions(binding_hash, created_at);
  `,
];
