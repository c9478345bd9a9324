import { z } from 'zod';

/** Where the store lives: one SQLite file (the default), or a PostgreSQL server shared by every instance. */
export type DatabaseConfig =
  | { kind: 'sqlite'; filename: string }
  | {
      kind: 'postgres';
      /** The connection string as given (it may hold a password: never log it; log `redacted`). */
      url: string;
      /** The URL without its password, for logs and error messages. */
      redacted: string;
      /** Most connections this instance opens (DATABASE_POOL_SIZE). */
      poolSize: number;
      /** A connection that takes longer fails (DATABASE_CONNECT_TIMEOUT). */
      connectTimeoutMs: number;
      /** A statement that takes longer is cancelled by the server (DATABASE_STATEMENT_TIMEOUT). */
      statementTimeoutMs: number;
      /** How long start-up keeps trying to reach the database before it gives up (DATABASE_STARTUP_TIMEOUT). */
      startupTimeoutMs: number;
    };

/** DATABASE_URL's default, and the PostgreSQL pool's (the timeouts in seconds). */
export const DATABASE_DEFAULTS = {
  DATABASE_URL: 'sqlite:./data/sso.sqlite',
  DATABASE_POOL_SIZE: 10,
  DATABASE_CONNECT_TIMEOUT: 3,
  DATABASE_STATEMENT_TIMEOUT: 5,
  DATABASE_STARTUP_TIMEOUT: 30,
} as const;

/** `postgres://user:secret@host/db` → `postgres://user:***@host/db`: safe to print. */
export function redactDatabaseUrl(value: string): string {
  try {
    const url = new URL(value);
    if (url.password) url.password = '***';
    return url.toString();
  } catch {
    return value.replace(/\/\/([^:/@]*):[^@]*@/, '//$1:***@');
  }
}

function number(
  env: Record<string, string | undefined>,
  name: string,
  fallback: number,
  range: { min: number; max: number },
  problems: string[],
): number {
  const raw = env[name]?.trim();
  if (!raw) return fallback;
  const parsed = z.coerce.number().min(range.min).max(range.max).safeParse(raw);
  if (!parsed.success) {
    problems.push(`${name} must be a number from ${range.min} to ${range.max} (got "${raw}")`);
    return fallback;
  }
  return parsed.data;
}

/** DATABASE_URL and the pool's limits. */
export function parseDatabase(env: Record<string, string | undefined>, problems: string[]): DatabaseConfig {
  const value = env.DATABASE_URL?.trim() || DATABASE_DEFAULTS.DATABASE_URL;
  if (value.startsWith('sqlite:')) {
    const filename = value.slice('sqlite:'.length).replace(/^\/\/(?=\/)/, '');
    if (!filename) problems.push('DATABASE_URL must name a file after "sqlite:" (e.g. sqlite:./data/sso.sqlite)');
    return { kind: 'sqlite', filename };
  }
  if (/^postgres(ql)?:\/\//.test(value)) {
    const redacted = redactDatabaseUrl(value);
    let url: URL | undefined;
    try {
      url = new URL(value);
    } catch {
      problems.push(`DATABASE_URL is not a valid PostgreSQL URL (${redacted}); expected postgres://user:password@host:5432/database`);
    }
    if (url && !url.hostname) problems.push(`DATABASE_URL must name a host (${redacted})`);
    if (url && url.pathname.replace(/^\//, '') === '') problems.push(`DATABASE_URL must name a database after the host (${redacted})`);
    const sslmode = url?.searchParams.get('sslmode');
    if (sslmode && !['disable', 'prefer', 'require', 'verify-ca', 'verify-full', 'no-verify'].includes(sslmode)) {
      problems.push(`DATABASE_URL: sslmode must be disable, prefer, require, verify-ca, verify-full or no-verify (got "${sslmode}")`);
    }
    return {
      kind: 'postgres',
      url: value,
      redacted,
      poolSize: number(env, 'DATABASE_POOL_SIZE', DATABASE_DEFAULTS.DATABASE_POOL_SIZE, { min: 1, max: 1000 }, problems),
      connectTimeoutMs:
        number(env, 'DATABASE_CONNECT_TIMEOUT', DATABASE_DEFAULTS.DATABASE_CONNECT_TIMEOUT, { min: 0.1, max: 600 }, problems) * 1000,
      statementTimeoutMs:
        number(env, 'DATABASE_STATEMENT_TIMEOUT', DATABASE_DEFAULTS.DATABASE_STATEMENT_TIMEOUT, { min: 0.1, max: 600 }, problems) * 1000,
      startupTimeoutMs:
        number(env, 'DATABASE_STARTUP_TIMEOUT', DATABASE_DEFAULTS.DATABASE_STARTUP_TIMEOUT, { min: 0, max: 3600 }, problems) * 1000,
    };
  }
  problems.push(
    `DATABASE_URL must look like sqlite:<path> or postgres://user:password@host:port/database (got a value starting "${value.slice(0, 12)}")`,
  );
  return { kind: 'sqlite', filename: '' };
}
