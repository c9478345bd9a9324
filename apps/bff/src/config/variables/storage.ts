import { DATABASE_DEFAULTS } from '../database.js';
import { docs, text } from './registry.js';

/** Where sessions, users and sign-ins live (parsed by database.ts). */
export const storageVariables = {
  DATABASE_URL: text().register(docs, {
    section: 'storage',
    default: DATABASE_DEFAULTS.DATABASE_URL,
    secret: true,
    description:
      "`sqlite:<path>` (relative to the BFF's working directory; `sqlite::memory:` for throw-away runs): one instance, nothing to set up; the file and its folder are created readable by the owner only. SQLite runs in WAL mode with `synchronous=NORMAL`: a crash of the process loses nothing, a power cut may lose the last few commits (sessions, sign-ins), never the file. The WAL (`<file>-wal`) grows to about 40 MB before it is copied back into the file (`wal_autocheckpoint` 10 000 pages). `postgres://user:password@host:5432/db` (or `postgresql://`; `?sslmode=` is honoured as node-postgres reads it: `disable` is plain TCP, `no-verify` is TLS without a certificate check, and `prefer`, `require` and `verify-ca` verify the certificate like `verify-full` unless `&uselibpqcompat=true` asks for libpq's meaning): any number of instances (see [Running several instances](#running-several-instances)). Migrations run at start-up.",
    example: [DATABASE_DEFAULTS.DATABASE_URL, 'postgres://sso:change-me@db.internal:5432/sso?sslmode=verify-full'],
  }),
  DATABASE_POOL_SIZE: text().register(docs, {
    section: 'storage',
    default: String(DATABASE_DEFAULTS.DATABASE_POOL_SIZE),
    description: 'PostgreSQL: most connections one instance opens.',
  }),
  DATABASE_CONNECT_TIMEOUT: text().register(docs, {
    section: 'storage',
    default: String(DATABASE_DEFAULTS.DATABASE_CONNECT_TIMEOUT),
    description: 'PostgreSQL: seconds a new connection may take; then the request answers `503 store_unavailable`.',
  }),
  DATABASE_STATEMENT_TIMEOUT: text().register(docs, {
    section: 'storage',
    default: String(DATABASE_DEFAULTS.DATABASE_STATEMENT_TIMEOUT),
    description:
      'PostgreSQL: seconds a statement may run before the server cancels it (`503 store_unavailable`), so no store call can hang a request.',
  }),
  DATABASE_STARTUP_TIMEOUT: text().register(docs, {
    section: 'storage',
    default: String(DATABASE_DEFAULTS.DATABASE_STARTUP_TIMEOUT),
    description:
      'PostgreSQL: seconds start-up keeps retrying an unreachable database before it exits 1 with a message naming `DATABASE_URL` (password hidden).',
  }),
};
