import { closeSync, existsSync, mkdirSync, openSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect, type CompiledQuery } from 'kysely';
import { createKyselyStore } from './kysely.js';
import type { DirectExecutor, ReadExecutor } from './prepared.js';
import { sqliteMigrations } from './migrations.js';
import type { Database as Schema } from './schema.js';
import type { Store } from './types.js';
import { storeRunner, type StoreObserver } from './unavailable.js';

function migrate(db: Database.Database): void {
  const current = db.pragma('user_version', { simple: true }) as number;
  for (let version = current; version < sqliteMigrations.length; version += 1) {
    db.transaction(() => {
      db.exec(sqliteMigrations[version]!);
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

/**
 * Kysely prepares every query afresh, which for SQLite means compiling the SQL each time (most of
 * a session read's cost). The store issues a small, fixed set of SQL texts, so each is prepared
 * once and reused; statements run one at a time on their connection (better-sqlite3 is
 * synchronous), so a statement is never in use twice at once.
 */
const MAX_CACHED_STATEMENTS = 500;

export function statementCache(sqlite: Database.Database): (sql: string) => Database.Statement {
  const statements = new Map<string, Database.Statement>();
  return (sql) => {
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      // A bound on the cache, should some query ever be built with values in its text.
      if (statements.size >= MAX_CACHED_STATEMENTS) statements.clear();
      statements.set(sql, statement);
    }
    return statement;
  };
}

/**
 * A sign-in's statements straight on the main connection, without Kysely's connection provider
 * (a lock and a chain of promises around each statement): about as much CPU again as the
 * statement itself. Only while no transaction is open on the connection: Kysely holds it for one
 * across awaits, and a statement run then would become part of that transaction; it goes through
 * Kysely instead and waits its turn.
 */
export function directExecutor(sqlite: Database.Database, statement: (sql: string) => Database.Statement): DirectExecutor {
  return <R>(query: CompiledQuery<R>) => {
    if (sqlite.inTransaction) return undefined;
    const prepared = statement(query.sql);
    if (prepared.reader) return prepared.all(...query.parameters) as R[];
    prepared.run(...query.parameters);
    return [];
  };
}

/**
 * The hot reads' own read-only connection (WAL lets it read while the main one writes). Its own
 * connection, not the main one: a read there could land inside another request's open
 * transaction and see what that transaction has not committed. None for `:memory:`, which
 * another connection could not see.
 */
function readConnection(filename: string): { read: ReadExecutor; close(): void } | undefined {
  if (filename === ':memory:') return undefined;
  const reader = new Database(filename, { readonly: true, fileMustExist: true });
  reader.pragma('busy_timeout = 5000');
  const statement = statementCache(reader);
  // eslint-disable-next-line @typescript-eslint/require-await -- async so that a SQLite error (SQLITE_BUSY, a closed file) rejects like every store call
  const read: ReadExecutor = async <R>(query: CompiledQuery<R>) => statement(query.sql).all(...query.parameters) as R[];
  return { read, close: () => reader.close() };
}

/**
 * The default store: one SQLite file (or `:memory:`), opened and migrated synchronously at
 * start-up. Several processes may share the file on one machine (WAL, busy_timeout); a lock held
 * longer than that answers 503 store_unavailable.
 */
export function openSqliteStore(filename: string, options: { observe?: StoreObserver } = {}): Store {
  if (filename !== ':memory:') createPrivately(filename);
  const sqlite = new Database(filename);
  sqlite.pragma('journal_mode = WAL');
  // In WAL mode NORMAL syncs at checkpoints, not at every commit: a crash of the process loses
  // nothing, a power cut may lose the last commits (sessions and sign-ins, never the file).
  // FULL would put an fsync into every sign-in and every session touch.
  sqlite.pragma('synchronous = NORMAL');
  // The WAL is copied back into the file every 10 000 pages (about 40 MB) instead of SQLite's
  // 1 000: a sign-in changes some twenty index and table pages, many of them the same ones
  // (the newest entries of the expiry indexes), and a checkpoint writes each changed page once.
  // Measured: a sign-in's store calls from 446 to 361 µs. The checkpoint stays passive (it
  // never waits for readers) and runs in the commit that crosses the mark.
  sqlite.pragma('wal_autocheckpoint = 10000');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Two instances starting on one new file: the second waits for the first one's migration.
  migrate(sqlite);
  const statement = statementCache(sqlite);
  const db = new Kysely<Schema>({
    dialect: new SqliteDialect({ database: { close: () => sqlite.close(), prepare: statement } }),
  });
  const reader = readConnection(filename);
  return createKyselyStore(db, {
    ...(reader ? { read: reader.read } : {}),
    direct: directExecutor(sqlite, statement),
    // eslint-disable-next-line @typescript-eslint/require-await -- async so a closed file rejects (a 503), not throws
    schemaVersion: async () => sqlite.pragma('user_version', { simple: true }) as number,
    expectedVersion: sqliteMigrations.length,
    run: storeRunner(options.observe),
    // Kysely opens its connection lazily, and closes only one it opened: close the file either way.
    close: async () => {
      await db.destroy();
      reader?.close();
      if (sqlite.open) sqlite.close();
    },
  });
}
