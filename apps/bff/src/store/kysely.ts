import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely, type Selectable, type Transaction } from 'kysely';
import type { Database, IdentitiesTable, LoginTransactionsTable, SessionsTable } from './schema.js';
import { batchedReads } from './batchedReads.js';
import { prepared, preparedWith, type DirectExecutor, type ReadExecutor } from './prepared.js';
import { sessionRowId } from './sessionId.js';
import type { ConsumeResult, Identity, IdentityInput, LoginTransaction, Store, UnlinkResult } from './types.js';

/**
 * Used transactions are kept this long after expiry so that a late replay still reads "replayed".
 * Unused ones go at expiry: they answer nothing a fresh start would not, and a flood of login
 * starts must not stay in the database for an hour.
 */
const TRANSACTION_GRACE_MS = 60 * 60 * 1000;

type Db = Kysely<Database> | Transaction<Database>;

/** The most session ids in one read; a power of two (batchedReads.ts). */
const SESSION_READ_BATCH = 16;

export interface KyselyStoreOptions {
  /** The schema version the database has now (readiness). */
  schemaVersion(): Promise<number>;
  expectedVersion: number;
  /** Runs every store call: measures it and turns a database that cannot answer into a 503 (unavailable.ts). */
  run: <T>(operation: string, call: () => Promise<T>) => Promise<T>;
  /** Where the hot reads run, when the dialect has a faster way than Kysely's (prepared.ts). */
  read?: ReadExecutor;
  /** Where a sign-in's statements run when the main connection is free, skipping Kysely's pipeline (prepared.ts). */
  direct?: DirectExecutor;
  close(): Promise<void>;
}

/** The column's 0/1 (both dialects store an integer), or null when the provider said nothing. */
const emailVerified = (value: number | null): boolean | null => (value === null ? null : value === 1);

function toIdentity(row: Selectable<IdentitiesTable>): Identity {
  return {
    provider: row.provider,
    subject: row.subject,
    userId: row.user_id,
    name: row.name,
    email: row.email,
    emailVerified: emailVerified(row.email_verified),
    avatarUrl: row.avatar_url,
    createdAt: row.created_at,
    lastLoginAt: row.last_login_at,
  };
}

function toTransaction(row: Selectable<LoginTransactionsTable>): LoginTransaction {
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

/** The profile fields a sign-in refreshes. */
function profileOf(input: IdentityInput, now: number) {
  return {
    name: input.name,
    email: input.email,
    email_verified: input.emailVerified === null ? null : input.emailVerified ? 1 : 0,
    avatar_url: input.avatarUrl,
    last_login_at: now,
  };
}

const refreshIdentity = (db: Db, input: IdentityInput, now: number) =>
  db
    .updateTable('identities')
    .set(profileOf(input, now))
    .where('provider', '=', input.provider)
    .where('subject', '=', input.subject)
    .returningAll()
    .executeTakeFirst();

/** Inserts the identity for `userId` unless someone else's insert won; undefined when it lost. */
const insertIdentity = (db: Db, userId: string, input: IdentityInput, now: number) =>
  db
    .insertInto('identities')
    .values({ provider: input.provider, subject: input.subject, user_id: userId, created_at: now, ...profileOf(input, now) })
    .onConflict((oc) => oc.columns(['provider', 'subject']).doNothing())
    .returningAll()
    .executeTakeFirst();

/**
 * Locks the user's row until the transaction ends (an update that changes nothing): in PostgreSQL
 * two instances changing one user's identities take turns; SQLite locks the whole file anyway.
 */
const lockUser = (db: Db, userId: string) =>
  db
    .updateTable('users')
    .set((eb) => ({ id: eb.ref('id') }))
    .where('id', '=', userId)
    .execute();

const count = (result: { numDeletedRows?: bigint; numUpdatedRows?: bigint }) =>
  Number(result.numDeletedRows ?? result.numUpdatedRows ?? 0n);

const TRANSACTION_COLUMNS = [
  'state',
  'provider',
  'binding_hash',
  'code_verifier',
  'nonce',
  'return_to',
  'link_user_id',
  'created_at',
  'expires_at',
] as const;

type KnownIdentityValues = { provider: string; subject: string } & ReturnType<typeof profileOf>;
const KNOWN_IDENTITY_KEYS = ['provider', 'subject', 'name', 'email', 'email_verified', 'avatar_url', 'last_login_at'] as const;

type SessionInsertValues = Omit<Insertable<SessionsTable>, 'token_version' | 'refresh_lease_until'>;
const SESSION_INSERT_KEYS = [
  'id_hash',
  'user_id',
  'data',
  'expires_at',
  'public_id',
  'provider',
  'subject',
  'sid',
  'created_at',
  'last_seen_at',
  'user_agent',
  'tokens',
] as const;

/**
 * The one set of queries, for SQLite and PostgreSQL alike. Every race that matters is settled by
 * one statement or one transaction in the database, never in this process: instances share
 * nothing else.
 */
export function createKyselyStore(db: Kysely<Database>, options: KyselyStoreOptions): Store {
  const { run } = options;
  const direct = { direct: options.direct };
  const sessionRead = (size: number) =>
    prepared(
      db,
      size,
      (...idHashes: string[]) =>
        db
          .selectFrom('sessions')
          .leftJoin('identities', (join) =>
            join.onRef('identities.provider', '=', 'sessions.provider').onRef('identities.subject', '=', 'sessions.subject'),
          )
          .select([
            'sessions.id_hash',
            'sessions.data',
            'sessions.expires_at',
            'sessions.tokens',
            'sessions.token_version',
            'identities.user_id as identity_user_id',
            'identities.name as identity_name',
            'identities.email as identity_email',
            'identities.email_verified as identity_email_verified',
            'identities.avatar_url as identity_avatar_url',
          ])
          .where('sessions.id_hash', 'in', idHashes),
      { read: options.read },
    );
  type SessionRow = Awaited<ReturnType<ReturnType<typeof sessionRead>>>[number];
  const sessionReads: ReturnType<typeof sessionRead>[] = [];
  // The reads of every signed-in request, compiled once (prepared.ts).
  const hot = {
    // The sessions and the identities they signed in with, in one indexed read: all that
    // /auth/me answers. Gathered over a turn of the event loop (batchedReads.ts), so the query
    // takes a list of ids; one statement per list size, each compiled once.
    sessions: batchedReads<string, SessionRow>({
      maxKeys: SESSION_READ_BATCH,
      keyOf: (row) => row.id_hash,
      read: (idHashes: string[]) => (sessionReads[idHashes.length] ??= sessionRead(idHashes.length))(...idHashes),
    }),
    identity: prepared(
      db,
      2,
      (provider: string, subject: string) =>
        db.selectFrom('identities').selectAll().where('provider', '=', provider).where('subject', '=', subject),
      { read: options.read },
    ),
    // A sign-in's statements, compiled once too (they run on the main connection, not `read`:
    // directly when the dialect can and the connection is free).
    insertTransaction: preparedWith(
      db,
      TRANSACTION_COLUMNS,
      (values: Insertable<LoginTransactionsTable>) => db.insertInto('login_transactions').values(values),
      direct,
    ),
    findTransaction: prepared(db, 1, (state: string) => db.selectFrom('login_transactions').selectAll().where('state', '=', state), direct),
    consumeTransaction: prepared(
      db,
      2,
      (state: string, now: number) =>
        db
          .updateTable('login_transactions')
          .set({ consumed_at: now })
          .where('state', '=', state)
          .where('consumed_at', 'is', null)
          .returningAll(),
      direct,
    ),
    pendingTransactions: prepared(
      db,
      2,
      (bindingHash: string, now: number) =>
        db
          .selectFrom('login_transactions')
          .select((eb) => eb.fn.countAll<number | string>().as('n'))
          .where('binding_hash', '=', bindingHash)
          .where('consumed_at', 'is', null)
          .where('expires_at', '>', now),
      direct,
    ),
    // A returning user: the identity refreshed and the user's row read in one statement.
    refreshKnownIdentity: preparedWith(
      db,
      KNOWN_IDENTITY_KEYS,
      ({ provider, subject, ...profile }: KnownIdentityValues) =>
        db
          .updateTable('identities')
          .set(profile)
          .where('provider', '=', provider)
          .where('subject', '=', subject)
          .returningAll()
          .returning((eb) =>
            eb.selectFrom('users').select('created_at').whereRef('users.id', '=', 'identities.user_id').as('user_created_at'),
          ),
      direct,
    ),
    insertSession: preparedWith(
      db,
      SESSION_INSERT_KEYS,
      (p: SessionInsertValues) => {
        const { id_hash: _, tokens: __, ...values } = p;
        return db
          .insertInto('sessions')
          .values({ ...p, token_version: 0 })
          .onConflict((oc) =>
            oc.column('id_hash').doUpdateSet((eb) => ({
              ...values,
              // Tokens already stored are newer than (or the same as) any this request holds.
              tokens: eb.fn.coalesce('sessions.tokens', 'excluded.tokens'),
            })),
          );
      },
      direct,
    ),
  };

  /** Ends the user's sessions that match (marking each with `reason` first, when given); returns how many. */
  async function markAndDelete(
    trx: Db,
    reason: string | undefined,
    filter: { userId: string; publicId?: string; exceptPublicId?: string; identity?: { provider: string; subject: string } },
  ): Promise<number> {
    if (reason) {
      let select = trx
        .selectFrom('sessions')
        .select((eb) => ['id_hash', eb.val(reason).as('reason'), 'expires_at'])
        .where('user_id', '=', filter.userId);
      if (filter.publicId !== undefined) select = select.where('public_id', '=', filter.publicId);
      if (filter.exceptPublicId !== undefined) select = select.where(sql<string>`coalesce(public_id, '')`, '<>', filter.exceptPublicId);
      if (filter.identity) select = select.where('provider', '=', filter.identity.provider).where('subject', '=', filter.identity.subject);
      await trx
        .insertInto('ended_sessions')
        .columns(['id_hash', 'reason', 'expires_at'])
        .expression(select)
        .onConflict((oc) =>
          oc.column('id_hash').doUpdateSet((eb) => ({ reason: eb.ref('excluded.reason'), expires_at: eb.ref('excluded.expires_at') })),
        )
        .execute();
    }
    let del = trx.deleteFrom('sessions').where('user_id', '=', filter.userId);
    if (filter.publicId !== undefined) del = del.where('public_id', '=', filter.publicId);
    if (filter.exceptPublicId !== undefined) del = del.where(sql<string>`coalesce(public_id, '')`, '<>', filter.exceptPublicId);
    if (filter.identity) del = del.where('provider', '=', filter.identity.provider).where('subject', '=', filter.identity.subject);
    return count(await del.executeTakeFirst());
  }

  return {
    users: {
      signIn: (input, now) =>
        run('users.signIn', async () => {
          // The common case, a returning user: one statement, which also reads the user's row.
          const [known] = await hot.refreshKnownIdentity({ provider: input.provider, subject: input.subject, ...profileOf(input, now) });
          if (known && known.user_created_at !== null) {
            const { user_created_at: createdAt, ...row } = known;
            return { user: { id: row.user_id, createdAt: Number(createdAt) }, identity: toIdentity(row), created: false };
          }
          return db.transaction().execute(async (trx) => {
            const existing = await refreshIdentity(trx, input, now);
            let row = existing;
            let created = false;
            if (!row) {
              const userId = randomUUID();
              await trx.insertInto('users').values({ id: userId, created_at: now }).execute();
              row = await insertIdentity(trx, userId, input, now);
              if (row) {
                created = true;
              } else {
                // Another instance signed the same new identity in at the same moment: its user wins.
                await trx.deleteFrom('users').where('id', '=', userId).execute();
                row = (await refreshIdentity(trx, input, now))!;
              }
            }
            const identity = toIdentity(row);
            const user = await trx.selectFrom('users').selectAll().where('id', '=', identity.userId).executeTakeFirstOrThrow();
            return { user: { id: user.id, createdAt: user.created_at }, identity, created };
          });
        }),
      getIdentity: (provider, subject) =>
        run('users.getIdentity', async () => {
          const [row] = await hot.identity(provider, subject);
          return row ? toIdentity(row) : undefined;
        }),
      link: (userId, input, now) =>
        run('users.link', () =>
          db.transaction().execute(async (trx) => {
            const inserted = await insertIdentity(trx, userId, input, now);
            if (inserted) return { status: 'linked' as const, identity: toIdentity(inserted) };
            const existing = await trx
              .selectFrom('identities')
              .select('user_id')
              .where('provider', '=', input.provider)
              .where('subject', '=', input.subject)
              .executeTakeFirst();
            if (existing && existing.user_id !== userId) return { status: 'in_use' as const };
            return { status: 'already_linked' as const, identity: toIdentity((await refreshIdentity(trx, input, now))!) };
          }),
        ),
      listIdentities: (userId) =>
        run('users.listIdentities', async () =>
          (
            await db
              .selectFrom('identities')
              .selectAll()
              .where('user_id', '=', userId)
              .orderBy('created_at')
              .orderBy('provider')
              .orderBy('subject')
              .execute()
          ).map(toIdentity),
        ),
      // Counting and deleting under the user's lock: two concurrent unlinks cannot remove the last two.
      // The identity and its sessions go together: never one without the other.
      unlink: (userId, provider, subject, reason) =>
        run('users.unlink', () =>
          db.transaction().execute(async (trx): Promise<UnlinkResult> => {
            await lockUser(trx, userId);
            const rows = await trx.selectFrom('identities').select(['provider', 'subject']).where('user_id', '=', userId).execute();
            if (!rows.some((r) => r.provider === provider && r.subject === subject)) return { status: 'not_found' };
            if (rows.length <= 1) return { status: 'last' };
            await trx
              .deleteFrom('identities')
              .where('user_id', '=', userId)
              .where('provider', '=', provider)
              .where('subject', '=', subject)
              .execute();
            return { status: 'ok', endedSessions: await markAndDelete(trx, reason, { userId, identity: { provider, subject } }) };
          }),
        ),
      getUser: (id) =>
        run('users.getUser', async () => {
          const row = await db.selectFrom('users').selectAll().where('id', '=', id).executeTakeFirst();
          return row ? { id: row.id, createdAt: row.created_at } : undefined;
        }),
    },
    transactions: {
      create: (tx, options = {}) =>
        run('transactions.create', async () => {
          const values = {
            state: tx.state,
            provider: tx.provider,
            binding_hash: tx.bindingHash,
            code_verifier: tx.codeVerifier,
            nonce: tx.nonce,
            return_to: tx.returnTo,
            link_user_id: tx.linkUserId,
            created_at: tx.createdAt,
            expires_at: tx.expiresAt,
          };
          const keep = options.maxPendingPerBinding;
          // Nothing to prune: one statement, no transaction around it.
          if (keep === undefined) return void (await hot.insertTransaction(values));
          await db.transaction().execute(async (trx) => {
            await trx.insertInto('login_transactions').values(values).execute();
            // The binding's newest unused transactions stay (this one always); older ones go.
            // Concurrent starts in one browser may leave one or two more until its next start.
            const newest = trx
              .selectFrom('login_transactions')
              .select('state')
              .where('binding_hash', '=', tx.bindingHash)
              .where('consumed_at', 'is', null)
              .where('state', '<>', tx.state)
              .orderBy('created_at', 'desc')
              .orderBy('state', 'desc')
              .limit(Math.max(keep - 1, 0));
            await trx
              .deleteFrom('login_transactions')
              .where('binding_hash', '=', tx.bindingHash)
              .where('consumed_at', 'is', null)
              .where('state', '<>', tx.state)
              .where('state', 'not in', newest)
              .execute();
          });
        }),
      find: (state) =>
        run('transactions.find', async () => {
          const [row] = await hot.findTransaction(state);
          return row ? { ...toTransaction(row), consumed: row.consumed_at !== null } : undefined;
        }),
      pending: (bindingHash, now) =>
        run('transactions.pending', async () => {
          const [row] = await hot.pendingTransactions(bindingHash, now);
          // PostgreSQL's count is a bigint, which pg returns as a string.
          return Number(row?.n ?? 0);
        }),
      // One statement decides who wins: of two concurrent callbacks with the same state, on any
      // instances, exactly one updates the row.
      consume: (state, now) =>
        run('transactions.consume', async (): Promise<ConsumeResult> => {
          const [row] = await hot.consumeTransaction(state, now);
          if (!row) {
            const existing = await db.selectFrom('login_transactions').selectAll().where('state', '=', state).executeTakeFirst();
            return existing ? { status: 'consumed', transaction: toTransaction(existing) } : { status: 'unknown' };
          }
          const transaction = toTransaction(row);
          return transaction.expiresAt <= now ? { status: 'expired', transaction } : { status: 'ok', transaction };
        }),
    },
    sessions: {
      get: (id, now) =>
        run('sessions.get', async () => {
          const row = await hot.sessions(sessionRowId(id));
          if (!row || row.expires_at <= now) return undefined;
          // No user id: the join found no identity (it is gone, or the row is an older build's).
          const identity =
            row.identity_user_id === null
              ? undefined
              : {
                  userId: row.identity_user_id,
                  name: row.identity_name,
                  email: row.identity_email,
                  emailVerified: emailVerified(row.identity_email_verified),
                  avatarUrl: row.identity_avatar_url,
                };
          return {
            data: JSON.parse(row.data) as Record<string, unknown>,
            expiresAt: row.expires_at,
            tokens: { sealed: row.tokens, version: row.token_version },
            identity,
          };
        }),
      set: (id, record) =>
        run('sessions.set', async () => {
          const meta = record.meta;
          const values = {
            user_id: meta?.userId ?? null,
            data: JSON.stringify(record.data),
            expires_at: record.expiresAt,
            public_id: meta?.publicId ?? null,
            provider: meta?.provider ?? null,
            subject: meta?.subject ?? null,
            sid: meta?.sid ?? null,
            created_at: meta?.createdAt ?? null,
            last_seen_at: meta?.lastSeenAt ?? null,
            user_agent: meta?.userAgent ?? null,
          };
          if (record.existing) {
            // Ended meanwhile (signed out elsewhere, disconnected, back-channel logout): stays ended.
            // A row from an older build, with its tokens still in `data`, gets them in their column.
            await db
              .updateTable('sessions')
              .set((eb) => ({ ...values, tokens: eb.fn.coalesce('tokens', eb.val(record.sealedTokens ?? null)) }))
              .where('id_hash', '=', sessionRowId(id))
              .execute();
            return;
          }
          await hot.insertSession({ id_hash: sessionRowId(id), ...values, tokens: record.sealedTokens ?? null });
        }),
      getTokens: (id, now) =>
        run('sessions.getTokens', async () => {
          const row = await db
            .selectFrom('sessions')
            .select(['tokens', 'token_version', 'expires_at'])
            .where('id_hash', '=', sessionRowId(id))
            .executeTakeFirst();
          return row && row.expires_at > now ? { sealed: row.tokens, version: row.token_version } : undefined;
        }),
      leaseRefresh: (id, version, until, now) =>
        run('sessions.leaseRefresh', async () => {
          const row = await db
            .updateTable('sessions')
            .set({ refresh_lease_until: until })
            .where('id_hash', '=', sessionRowId(id))
            .where('token_version', '=', version)
            .where((eb) => eb.or([eb('refresh_lease_until', 'is', null), eb('refresh_lease_until', '<=', now)]))
            .returning('id_hash')
            .executeTakeFirst();
          return row !== undefined;
        }),
      replaceTokens: (id, version, sealed) =>
        run('sessions.replaceTokens', async () => {
          const row = await db
            .updateTable('sessions')
            .set((eb) => ({ tokens: sealed, token_version: eb('token_version', '+', 1), refresh_lease_until: null }))
            .where('id_hash', '=', sessionRowId(id))
            .where('token_version', '=', version)
            .returning('id_hash')
            .executeTakeFirst();
          return row !== undefined;
        }),
      releaseRefresh: (id) =>
        run('sessions.releaseRefresh', async () => {
          await db.updateTable('sessions').set({ refresh_lease_until: null }).where('id_hash', '=', sessionRowId(id)).execute();
        }),
      listForUser: (userId, now) =>
        run('sessions.listForUser', async () => {
          const rows = await db
            .selectFrom('sessions')
            .select(['public_id', 'provider', 'created_at', 'last_seen_at', 'user_agent', 'expires_at'])
            .where('user_id', '=', userId)
            .where('expires_at', '>', now)
            .where('public_id', 'is not', null)
            .orderBy('last_seen_at', 'desc')
            .execute();
          return rows.map((row) => ({
            publicId: row.public_id!,
            provider: row.provider!,
            createdAt: row.created_at!,
            lastSeenAt: row.last_seen_at!,
            userAgent: row.user_agent,
            expiresAt: row.expires_at,
          }));
        }),
      // The marker and the deletion in one transaction: a device is either signed in or told why not.
      destroyByPublicId: (userId, publicId, reason) =>
        run('sessions.destroyByPublicId', () =>
          db.transaction().execute(async (trx) => (await markAndDelete(trx, reason, { userId, publicId })) > 0),
        ),
      destroyAllForUser: (userId, keepPublicId, reason) =>
        run('sessions.destroyAllForUser', () =>
          db.transaction().execute((trx) => markAndDelete(trx, reason, { userId, exceptPublicId: keepPublicId ?? '' })),
        ),
      takeEndReason: (id, now) =>
        run('sessions.takeEndReason', async () => {
          const row = await db
            .deleteFrom('ended_sessions')
            .where('id_hash', '=', sessionRowId(id))
            .where('expires_at', '>', now)
            .returning('reason')
            .executeTakeFirst();
          return row?.reason;
        }),
      destroyByProviderSession: (provider, match) =>
        run('sessions.destroyByProviderSession', async () => {
          if (!match.subject && !match.sid) return 0;
          let del = db.deleteFrom('sessions').where('provider', '=', provider);
          if (match.subject) del = del.where('subject', '=', match.subject);
          if (match.sid) del = del.where('sid', '=', match.sid);
          return count(await del.executeTakeFirst());
        }),
      destroy: (id) =>
        run('sessions.destroy', async () => {
          await db.deleteFrom('sessions').where('id_hash', '=', sessionRowId(id)).execute();
        }),
    },
    logoutHandoffs: {
      create: (id, sealed, expiresAt) =>
        run('logoutHandoffs.create', async () => {
          await db
            .insertInto('logout_handoffs')
            .values({ id_hash: sessionRowId(id), sealed, expires_at: expiresAt })
            .execute();
        }),
      // One DELETE … RETURNING: of two requests racing for one id, only one gets a row back.
      take: (id, now) =>
        run('logoutHandoffs.take', async () => {
          const row = await db
            .deleteFrom('logout_handoffs')
            .where('id_hash', '=', sessionRowId(id))
            .returning(['sealed', 'expires_at'])
            .executeTakeFirst();
          return row && row.expires_at > now ? row.sealed : undefined;
        }),
    },
    replays: {
      // A key still live is left alone (no row back: a replay); an expired one may be claimed again.
      claim: (key, expiresAt, now) =>
        run('replays.claim', async () => {
          const row = await db
            .insertInto('replays')
            .values({ key, expires_at: expiresAt })
            .onConflict((oc) => oc.column('key').doUpdateSet({ expires_at: expiresAt }).where('replays.expires_at', '<=', now))
            .returning('key')
            .executeTakeFirst();
          return row !== undefined;
        }),
    },
    rateLimits: {
      // One upsert decides, on every instance alike. A row from an older window starts again at 1;
      // one from a later window (another instance's clock a little ahead) counts this request in it.
      hit: (key, windowMs, now) =>
        run('rateLimits.hit', async () => {
          const windowStart = now - (now % windowMs);
          const row = await db
            .insertInto('rate_limits')
            .values({ key, window_start: windowStart, count: 1, expires_at: windowStart + windowMs })
            .onConflict((oc) =>
              oc.column('key').doUpdateSet((eb) => {
                const current = eb('rate_limits.window_start', '>=', eb.ref('excluded.window_start'));
                return {
                  count: eb
                    .case()
                    .when(current)
                    .then(eb('rate_limits.count', '+', 1))
                    .else(1)
                    .end(),
                  window_start: eb
                    .case()
                    .when(current)
                    .then(eb.ref('rate_limits.window_start'))
                    .else(eb.ref('excluded.window_start'))
                    .end(),
                  expires_at: eb.case().when(current).then(eb.ref('rate_limits.expires_at')).else(eb.ref('excluded.expires_at')).end(),
                };
              }),
            )
            .returning(['count', 'expires_at'])
            .executeTakeFirstOrThrow();
          return { count: row.count, resetAt: row.expires_at };
        }),
    },
    check: () => run('check', async () => ({ schemaVersion: await options.schemaVersion(), expectedVersion: options.expectedVersion })),
    // Plain deletes of what has expired: idempotent, so every instance may sweep.
    sweep: (now) =>
      run('sweep', async () => {
        let n = 0;
        n += count(await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst());
        n += count(await db.deleteFrom('ended_sessions').where('expires_at', '<=', now).executeTakeFirst());
        n += count(await db.deleteFrom('logout_handoffs').where('expires_at', '<=', now).executeTakeFirst());
        n += count(await db.deleteFrom('replays').where('expires_at', '<=', now).executeTakeFirst());
        n += count(await db.deleteFrom('rate_limits').where('expires_at', '<=', now).executeTakeFirst());
        n += count(
          await db
            .deleteFrom('login_transactions')
            .where((eb) =>
              eb.or([
                eb('expires_at', '<=', now - TRANSACTION_GRACE_MS),
                eb.and([eb('consumed_at', 'is', null), eb('expires_at', '<=', now)]),
              ]),
            )
            .executeTakeFirst(),
        );
        return n;
      }),
    close: () => options.close(),
  };
}
