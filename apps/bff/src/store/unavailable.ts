import { AppError, ErrorCode } from '../errors.js';

/** What a client is told to wait before trying again when the database cannot answer, seconds. */
export const STORE_RETRY_AFTER_SECONDS = 5;

/** Node's network errors: the database is not there (yet, or any more). */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EAI_AGAIN',
]);
/**
 * PostgreSQL SQLSTATEs that say "not now" rather than "wrong query": connection exceptions
 * (class 08), the server shutting down or starting (57P01–57P03), a statement cancelled by
 * statement_timeout (57014), too many connections and other resource limits (class 53).
 */
const PG_TRANSIENT = /^(08|53)|^57P0[1-3]$|^57014$/;
/** SQLite's "the file is locked by someone else for longer than busy_timeout", and I/O trouble. */
const SQLITE_TRANSIENT = /^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|PROTOCOL)/;
/**
 * pg's own messages for a pool that cannot get or keep a connection, and a store already closed
 * (better-sqlite3's closed file, Kysely's destroyed driver: a request that outlived a stop).
 */
const PG_MESSAGES =
  /driver has already been destroyed|The database connection is not open|timeout exceeded when trying to connect|Connection terminated|connection timeout|not queryable|Client was closed|Cannot use a pool after calling end/i;

/** Whether `err` means the database cannot answer right now (as opposed to a bug in a query). */
export function isUnavailable(err: unknown): boolean {
  const e = err as { code?: unknown; message?: unknown } | null;
  if (!e || typeof e !== 'object') return false;
  const code = typeof e.code === 'string' ? e.code : '';
  if (NETWORK_CODES.has(code) || PG_TRANSIENT.test(code) || SQLITE_TRANSIENT.test(code)) return true;
  return typeof e.message === 'string' && PG_MESSAGES.test(e.message);
}

export function storeUnavailable(operation: string, cause: unknown): AppError {
  return new AppError(ErrorCode.StoreUnavailable, {
    detail: `store ${operation}: database unavailable`,
    cause,
    retryAfter: STORE_RETRY_AFTER_SECONDS,
  });
}

export interface StoreObserver {
  /** Each store call: how long it took and whether it failed. Metrics hang here. */
  (operation: string, seconds: number, failed: boolean): void;
}

/**
 * Wraps every store call: measures it, and turns "the database cannot answer" into a 503
 * `store_unavailable` with Retry-After, never a 500, and never a false 401 from a session that
 * merely could not be read. Other errors pass through unchanged (they are bugs: 500).
 */
export function storeRunner(observe: StoreObserver | undefined) {
  return async function run<T>(operation: string, call: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      const result = await call();
      observe?.(operation, (performance.now() - started) / 1000, false);
      return result;
    } catch (err) {
      observe?.(operation, (performance.now() - started) / 1000, true);
      if (err instanceof AppError) throw err;
      throw isUnavailable(err) ? storeUnavailable(operation, err) : err;
    }
  };
}
