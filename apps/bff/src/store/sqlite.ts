import { randomUUID } from 'node:crypto';
import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { migrations } from './migrations.js';
import { sessionRowId } from './sessionId.js';
import type { ConsumeResult, Identity, IdentityInput, LoginTransaction, Store, User } from './types.js';

/** Transactions are kept this long after expiry so that a late replay still reads "replayed". */
const TRANSACTION_GRACE_MS = 60 * 60 * 1000;

interface IdentityRow {
  provider: string;
  subject: string;
  user_id: string;
  name: string | null;
  email: string | null;
  email_verified: number | null;
  avatar_url: string | null;
  created_at: number;
  last_login_at: number;
}

interface TransactionRow {
  state: string;
  provider: string;
  binding_hash: string;
  code_verifier: string | null;
  nonce: string | null;
  return_to: string;
  created_at: number;
  expires_at: number;
  consumed_at: number | null;
  link_user_id: string | null;
}


function toIdentity(row: IdentityRow): Identity {
  return {
    provider: row.provider,
    subject: row.subject,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    emailVerified: row.email_verified === null ? null : row.email_verified === 1,
    avatarUrl: row.avatar_url,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

function toTransaction(row: TransactionRow): LoginTransaction {
  return {
    state: row.state,
    provider: row.provider,
    bindingHash: row.binding_hash,
    codeVerifier: row.code_verifier,
    nonce: row.nonce,
    returnTo: row.return_to,
    linkUserId: row.link_user_id,
    createdAt: row.created_at,
    expiresAt: row.expires_at,
  };
}

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < migrations.length; version += 1) {
    db.transaction(() => {
      db.exec(migrations[version]!);
      db.pragma(`user_version = ${version + 1}`);
    })();
  }
}

/**
 * The database holds sessions and provider tokens: a folder and file this creates are for the
 * owner only (0700 / 0600); SQLite gives its -wal and -shm files the database file's mode. Existing
 * ones keep the mode their operator gave them.
 */
function createPrivately(filename: string): void {
  mkdirSync(dirname(filename), { recursive: true, mode: 0o700 });
  if (!existsSync(filename)) closeSync(openSync(filename, 'a', 0o600));
}

/** The default store: one SQLite file (or `:memory:`), opened synchronously at start-up. */
export function openSqliteStore(filename: string): Store {
  if (filename !== ':memory:') createPrivately(filename);
  const db = new Database(filename);
  db.pragma('journal_mode = WAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  migrate(db);

  const q = {
    identity: db.prepare<[string, string], IdentityRow>('SELECT * FROM identities WHERE provider = ? AND subject = ?'),
    insertUser: db.prepare('INSERT INTO users (id, created_at) VALUES (?, ?)'),
    getUser: db.prepare<[string], { id: string; created_at: number }>('SELECT id, created_at FROM users WHERE id = ?'),
    insertIdentity: db.prepare(
      `INSERT INTO identities (provider, subject, user_id, name, email, email_verified, avatar_url, created_at, last_login_at)
       VALUES (@provider, @subject, @userId, @name, @email, @emailVerified, @avatarUrl, @now, @now)`,
    ),
    refreshIdentity: db.prepare(
      `UPDATE identities SET name = @name, email = @email, email_verified = @emailVerified, avatar_url = @avatarUrl,
       last_login_at = @now WHERE provider = @provider AND subject = @subject`,
    ),
    insertTx: db.prepare(
      `INSERT INTO login_transactions (state, provider, binding_hash, code_verifier, nonce, return_to, link_user_id, created_at, expires_at)
       VALUES (@state, @provider, @bindingHash, @codeVerifier, @nonce, @returnTo, @linkUserId, @createdAt, @expiresAt)`,
    ),
    identitiesOf: db.prepare<[string], IdentityRow>('SELECT * FROM identities WHERE user_id = ? ORDER BY created_at, provider, subject'),
    countIdentities: db.prepare<[string], { n: number }>('SELECT count(*) AS n FROM identities WHERE user_id = ?'),
    deleteIdentity: db.prepare('DELETE FROM identities WHERE user_id = ? AND provider = ? AND subject = ?'),
    findTx: db.prepare<[string], TransactionRow>('SELECT * FROM login_transactions WHERE state = ?'),
    // One statement decides who wins: of two concurrent callbacks with the same state, one updates a row.
    consumeTx: db.prepare<[number, string], TransactionRow>(
      'UPDATE login_transactions SET consumed_at = ? WHERE state = ? AND consumed_at IS NULL RETURNING *',
    ),
    getSession: db.prepare<[string], { data: string; expires_at: number }>('SELECT data, expires_at FROM sessions WHERE id_hash = ?'),
    setSession: db.prepare(
      `INSERT INTO sessions (id_hash, user_id, data, expires_at, public_id, provider, subject, sid, created_at, last_seen_at, user_agent)
       VALUES (@idHash, @userId, @data, @expiresAt, @publicId, @provider, @subject, @sid, @createdAt, @lastSeenAt, @userAgent)
       ON CONFLICT (id_hash) DO UPDATE SET user_id = excluded.user_id, data = excluded.data, expires_at = excluded.expires_at,
         public_id = excluded.public_id, provider = excluded.provider, subject = excluded.subject, sid = excluded.sid,
         created_at = excluded.created_at, last_seen_at = excluded.last_seen_at, user_agent = excluded.user_agent`,
    ),
    sessionsOf: db.prepare<[string, number], { public_id: string; provider: string; created_at: number; last_seen_at: number; user_agent: string | null; expires_at: number }>(
      `SELECT public_id, provider, created_at, last_seen_at, user_agent, expires_at FROM sessions
       WHERE user_id = ? AND expires_at > ? AND public_id IS NOT NULL ORDER BY last_seen_at DESC`,
    ),
    destroyByPublicId: db.prepare('DELETE FROM sessions WHERE user_id = ? AND public_id = ?'),
    destroyAllForUser: db.prepare("DELETE FROM sessions WHERE user_id = ? AND coalesce(public_id, '') <> ?"),
    markEndedByPublicId: db.prepare(
      `INSERT OR REPLACE INTO ended_sessions (id_hash, reason, expires_at)
       SELECT id_hash, ?, expires_at FROM sessions WHERE user_id = ? AND public_id = ?`,
    ),
    markEndedForUser: db.prepare(
      `INSERT OR REPLACE INTO ended_sessions (id_hash, reason, expires_at)
       SELECT id_hash, ?, expires_at FROM sessions WHERE user_id = ? AND coalesce(public_id, '') <> ?`,
    ),
    takeEndReason: db.prepare<[string, number], { reason: string }>('DELETE FROM ended_sessions WHERE id_hash = ? AND expires_at > ? RETURNING reason'),
    sweepEnded: db.prepare('DELETE FROM ended_sessions WHERE expires_at <= ?'),
    // A key still live is left alone (0 changes: a replay); an expired one may be claimed again.
    claimReplay: db.prepare(
      `INSERT INTO replays (key, expires_at) VALUES (?, ?)
       ON CONFLICT (key) DO UPDATE SET expires_at = excluded.expires_at WHERE replays.expires_at <= ?`,
    ),
    sweepReplays: db.prepare('DELETE FROM replays WHERE expires_at <= ?'),
    destroyBySubject: db.prepare('DELETE FROM sessions WHERE provider = ? AND subject = ?'),
    destroyBySid: db.prepare('DELETE FROM sessions WHERE provider = ? AND sid = ?'),
    destroyBySubjectAndSid: db.prepare('DELETE FROM sessions WHERE provider = ? AND subject = ? AND sid = ?'),
    destroySession: db.prepare('DELETE FROM sessions WHERE id_hash = ?'),
    sweepSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    sweepTx: db.prepare('DELETE FROM login_transactions WHERE expires_at <= ?'),
  };

  const toParams = (input: IdentityInput, now: number) => ({
    ...input,
    emailVerified: input.emailVerified === null ? null : input.emailVerified ? 1 : 0,
    now,
  });

  const signIn = db.transaction((input: IdentityInput, now: number) => {
    const params = toParams(input, now);
    const existing = q.identity.get(input.provider, input.subject);
    let created = false;
    if (existing) {
      q.refreshIdentity.run(params);
    } else {
      const userId = randomUUID();
      q.insertUser.run(userId, now);
      q.insertIdentity.run({ ...params, userId });
      created = true;
    }
    const identity = toIdentity(q.identity.get(input.provider, input.subject)!);
    const userRow = q.getUser.get(identity.userId)!;
    return { user: { id: userRow.id, createdAt: userRow.created_at }, identity, created };
  });

  const link = db.transaction((userId: string, input: IdentityInput, now: number) => {
    const existing = q.identity.get(input.provider, input.subject);
    if (existing && existing.user_id !== userId) return { status: 'in_use' as const };
    if (existing) q.refreshIdentity.run(toParams(input, now));
    else q.insertIdentity.run({ ...toParams(input, now), userId });
    return { status: existing ? ('already_linked' as const) : ('linked' as const), identity: toIdentity(q.identity.get(input.provider, input.subject)!) };
  });

  // Counting and deleting in one transaction: two concurrent unlinks cannot remove the last two.
  // The marker and the deletion in one transaction: a device is either signed in or told why not.
  const endByPublicId = db.transaction((userId: string, publicId: string, reason: string | undefined): boolean => {
    if (reason) q.markEndedByPublicId.run(reason, userId, publicId);
    return q.destroyByPublicId.run(userId, publicId).changes > 0;
  });
  const endAllForUser = db.transaction((userId: string, keepPublicId: string, reason: string | undefined): number => {
    if (reason) q.markEndedForUser.run(reason, userId, keepPublicId);
    return q.destroyAllForUser.run(userId, keepPublicId).changes;
  });

  const unlink = db.transaction((userId: string, provider: string, subject: string): 'ok' | 'not_found' | 'last' => {
    const existing = q.identity.get(provider, subject);
    if (!existing || existing.user_id !== userId) return 'not_found';
    if (q.countIdentities.get(userId)!.n <= 1) return 'last';
    q.deleteIdentity.run(userId, provider, subject);
    return 'ok';
  });

  return {
    users: {
      async link(userId, input, now) {
        return link(userId, input, now);
      },
      async listIdentities(userId) {
        return q.identitiesOf.all(userId).map(toIdentity);
      },
      async unlink(userId, provider, subject) {
        return unlink(userId, provider, subject);
      },
      async signIn(input, now) {
        return signIn(input, now);
      },
      async getIdentity(provider, subject) {
        const row = q.identity.get(provider, subject);
        return row ? toIdentity(row) : undefined;
      },
      async getUser(id): Promise<User | undefined> {
        const row = q.getUser.get(id);
        return row ? { id: row.id, createdAt: row.created_at } : undefined;
      },
    },
    transactions: {
      async create(tx) {
        q.insertTx.run(tx);
      },
      async find(state) {
        const row = q.findTx.get(state);
        return row ? toTransaction(row) : undefined;
      },
      async consume(state, now): Promise<ConsumeResult> {
        const row = q.consumeTx.get(now, state);
        if (!row) {
          const existing = q.findTx.get(state);
          return existing ? { status: 'consumed', transaction: toTransaction(existing) } : { status: 'unknown' };
        }
        const transaction = toTransaction(row);
        if (transaction.expiresAt <= now) return { status: 'expired', transaction };
        return { status: 'ok', transaction };
      },
    },
    sessions: {
      async get(id, now) {
        const row = q.getSession.get(sessionRowId(id));
        if (!row || row.expires_at <= now) return undefined;
        return { data: JSON.parse(row.data) as Record<string, unknown>, expiresAt: row.expires_at };
      },
      async set(id, record) {
        const meta = record.meta;
        q.setSession.run({
          idHash: sessionRowId(id),
          userId: meta?.userId ?? null,
          data: JSON.stringify(record.data),
          expiresAt: record.expiresAt,
          publicId: meta?.publicId ?? null,
          provider: meta?.provider ?? null,
          subject: meta?.subject ?? null,
          sid: meta?.sid ?? null,
          createdAt: meta?.createdAt ?? null,
          lastSeenAt: meta?.lastSeenAt ?? null,
          userAgent: meta?.userAgent ?? null,
        });
      },
      async listForUser(userId, now) {
        return q.sessionsOf.all(userId, now).map((row) => ({
          publicId: row.public_id,
          provider: row.provider,
          createdAt: row.created_at,
          lastSeenAt: row.last_seen_at,
          userAgent: row.user_agent,
          expiresAt: row.expires_at,
        }));
      },
      async destroyByPublicId(userId, publicId, reason) {
        return endByPublicId(userId, publicId, reason);
      },
      async destroyAllForUser(userId, keepPublicId, reason) {
        return endAllForUser(userId, keepPublicId ?? '', reason);
      },
      async takeEndReason(id, now) {
        return q.takeEndReason.get(sessionRowId(id), now)?.reason;
      },
      async destroyByProviderSession(provider, match) {
        if (match.subject && match.sid) return q.destroyBySubjectAndSid.run(provider, match.subject, match.sid).changes;
        if (match.subject) return q.destroyBySubject.run(provider, match.subject).changes;
        if (match.sid) return q.destroyBySid.run(provider, match.sid).changes;
        return 0;
      },
      async destroy(id) {
        q.destroySession.run(sessionRowId(id));
      },
    },
    replays: {
      async claim(key, expiresAt, now) {
        return q.claimReplay.run(key, expiresAt, now).changes === 1;
      },
    },
    async check() {
      return { schemaVersion: db.pragma('user_version', { simple: true }) as number, expectedVersion: migrations.length };
    },
    async sweep(now) {
      const sessions = q.sweepSessions.run(now).changes + q.sweepEnded.run(now).changes + q.sweepReplays.run(now).changes;
      const transactions = q.sweepTx.run(now - TRANSACTION_GRACE_MS).changes;
      return sessions + transactions;
    },
    async close() {
      db.close();
    },
  };
}
