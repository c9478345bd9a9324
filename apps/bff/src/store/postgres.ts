import { Kysely, PostgresDialect, sql, type CompiledQuery } from 'kysely';
import pg from 'pg';
import type { DatabaseConfig } from '../config/database.js';
import type { Logger } from '../logger.js';
import { DatabaseStartError } from './startError.js';
import { createKyselyStore } from './kysely.js';
import type { ReadExecutor } from './prepared.js';
import { postgresMigrations } from './migrations.js';
import type { Database as Schema } from './schema.js';
import type { Store } from './types.js';
import { storeRunner, type StoreObserver } from './unavailable.js';

type PostgresConfig = Extract<DatabaseConfig, { kind: 'postgres' }>;

export { DatabaseStartError };

/** Any number: migrations of every instance on this database take turns on this advisory lock. */
const MIGRATION_LOCK = 0x550_b_ff;
const INT8 = 20;

/**
 * The hot reads as named statements: each connection parses and plans them once, then only
 * binds and executes (pool.query takes a connection for the one statement, as Kysely would).
 */
function namedStatements(pool: pg.Pool): ReadExecutor {
  const names = new Map<string, string>();
  return async <R>(query: CompiledQuery<R>) => {
    let name = names.get(query.sql);
    if (!name) names.set(query.sql, (name = `sso_hot_${names.size + 1}`));
    const result = await pool.query({ name, text: query.sql, values: query.parameters as unknown[] });
    return result.rows as R[];
  };
}

/** Applies the migrations this database lacks, holding the lock so that instances starting together take turns. */
async function migrate(db: Kysely<Schema>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await sql`SELECT pg_advisory_xact_lock(${MIGRATION_LOCK})`.execute(trx);
    await sql`CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)`.execute(trx);
    const row = await sql<{ version: number }>`SELECT version FROM schema_version`.execute(trx);
    const current = row.rows[0]?.version ?? 0;
    if (current > postgresMigrations.length) {
      throw new DatabaseStartError(
        `the database's schema is version ${current}, newer than this build's ${postgresMigrations.length}: run the newer build`,
      );
    }
    for (let version = current; version < postgresMigrations.length; version += 1) {
      await sql.raw(postgresMigrations[version]!).execute(trx);
    }
    if (row.rows.length === 0) await sql`INSERT INTO schema_version (version) VALUES (${postgresMigrations.length})`.execute(trx);
    else if (current !== postgresMigrations.length)
      await sql`UPDATE schema_version SET version = ${postgresMigrations.length}`.execute(trx);
  });
}

async function schemaVersion(db: Kysely<Schema>): Promise<number> {
  const row = await sql<{ version: number }>`SELECT version FROM schema_version`.execute(db);
  return row.rows[0]?.version ?? 0;
}

/** The error in a line: its code and message, never the connection string (it may carry the password). */
function describe(err: unknown, config: PostgresConfig): string {
  const e = err as { code?: string; message?: string };
  const message = (e.message ?? String(err)).split(config.url).join(config.redacted);
  return e.code && !message.includes(e.code) ? `${e.code}: ${message}` : message;
}

export interface PostgresStoreOptions {
  logger: Logger;
  observe?: StoreObserver;
  /** Pool usage for metrics, read when scraped. */
  onPool?: (read: () => { total: number; idle: number; waiting: number }) => void;
}

/**
 * The store for many instances: one PostgreSQL database. Opening retries for
 * DATABASE_STARTUP_TIMEOUT (the database may start after us), then fails naming DATABASE_URL.
 * Every connection has a connect timeout and a server-side statement timeout, so no store call
 * can hang a request.
 */
export async function openPostgresStore(config: PostgresConfig, options: PostgresStoreOptions): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: config.url,
    max: config.poolSize,
    connectionTimeoutMillis: config.connectTimeoutMs,
    idleTimeoutMillis: 30_000,
    // Server-side, and a client-side backstop a little later for a server that stopped answering.
    statement_timeout: config.statementTimeoutMs,
    query_timeout: config.statementTimeoutMs + 1_000,
    application_name: 'sso-bff',
    // Times are epoch milliseconds in BIGINT columns: numbers, well inside 2^53.
    types: {
      getTypeParser: (oid: number, format?: 'text' | 'binary'): unknown => (oid === INT8 ? Number : pg.types.getTypeParser(oid, format)),
    },
  });
  // An idle client whose server went away emits here; without a listener the process would crash.
  pool.on('error', (err) =>
    options.logger.warn({ failure: describe(err, config) }, 'database connection lost; it is replaced on next use'),
  );
  const db = new Kysely<Schema>({ dialect: new PostgresDialect({ pool }) });

  const deadline = Date.now() + config.startupTimeoutMs;
  for (let attempt = 1, wait = 250; ; attempt += 1, wait = Math.min(wait * 2, 2_000)) {
    try {
      await migrate(db);
      break;
    } catch (err) {
      if (err instanceof DatabaseStartError) {
        await db.destroy();
        throw err;
      }
      if (Date.now() + wait > deadline) {
        await db.destroy();
        throw new DatabaseStartError(
          `DATABASE_URL (${config.redacted}): could not reach or migrate the database after ${attempt} attempt(s) in ${Math.round(config.startupTimeoutMs / 1000)} s (DATABASE_STARTUP_TIMEOUT): ${describe(err, config)}`,
          { cause: err },
        );
      }
      options.logger.warn({ database: config.redacted, attempt, failure: describe(err, config) }, 'database not reachable yet; retrying');
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }

  options.onPool?.(() => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }));
  return createKyselyStore(db, {
    read: namedStatements(pool),
    schemaVersion: () => schemaVersion(db),
    expectedVersion: postgresMigrations.length,
    run: storeRunner(options.observe),
    close: () => db.destroy(),
  });
}
