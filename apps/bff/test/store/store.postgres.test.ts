import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { createLogger } from '../../src/logger.js';
import { DatabaseStartError, openPostgresStore } from '../../src/store/postgres.js';
import { postgresMigrations } from '../../src/store/migrations.js';
import type { Store } from '../../src/store/types.js';
import { describePostgres, type TestPostgres } from '../support/postgres.js';
import { storeContract } from './store.contract.js';

const logger = createLogger('silent');

/** The store as the BFF opens it from DATABASE_URL, with short limits so that faults show quickly. */
function open(url: string, env: Record<string, string> = {}): Promise<Store> {
  const database = loadConfig({
    DATABASE_URL: url,
    DATABASE_CONNECT_TIMEOUT: '1',
    DATABASE_STATEMENT_TIMEOUT: '2',
    DATABASE_STARTUP_TIMEOUT: '5',
    ...env,
  }).database;
  if (database.kind !== 'postgres') throw new Error('not a PostgreSQL URL');
  return openPostgresStore(database, { logger });
}

describePostgres('PostgreSQL store', (server: () => TestPostgres) => {
  storeContract('postgres', async () => open(await server().createDatabase()));

  describe('migrations and faults', () => {
    it('instances starting at the same moment on an empty database all come up, and migrate once', async () => {
      const url = await server().createDatabase();
      const stores = await Promise.all(Array.from({ length: 4 }, () => open(url)));
      try {
        for (const store of stores)
          expect(await store.check()).toEqual({ schemaVersion: postgresMigrations.length, expectedVersion: postgresMigrations.length });
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        const versions = await client.query('SELECT version FROM schema_version');
        await client.end();
        expect(versions.rows).toEqual([{ version: postgresMigrations.length }]);
      } finally {
        for (const store of stores) await store.close();
      }
    });

    it('a database that is unreachable at start-up fails after the bounded retry, naming DATABASE_URL without its password', async () => {
      const started = Date.now();
      const error = await open('postgres://sso:hunter2-secret@127.0.0.1:9/sso', { DATABASE_STARTUP_TIMEOUT: '1' }).then(
        () => undefined,
        (err: unknown) => err as Error,
      );
      expect(error).toBeInstanceOf(DatabaseStartError);
      expect(error!.message).toContain('DATABASE_URL (postgres://sso:***@127.0.0.1:9/sso)');
      expect(error!.message).toMatch(/ECONNREFUSED/);
      expect(error!.message).not.toContain('hunter2');
      expect(Date.now() - started).toBeLessThan(5_000);
    });

    it('a store opened before the database started comes up once it does', async () => {
      if (!server().restartable) return;
      const url = await server().createDatabase();
      await server().stop();
      const opening = open(url, { DATABASE_STARTUP_TIMEOUT: '30' });
      await new Promise((resolve) => setTimeout(resolve, 1_000));
      await server().start();
      const store = await opening;
      expect((await store.check()).schemaVersion).toBe(postgresMigrations.length);
      await store.close();
    });

    it('an outage answers store_unavailable within seconds, and the same store works again once the database is back', async () => {
      if (!server().restartable) return;
      const store = await open(await server().createDatabase());
      try {
        await store.sessions.set('sid', { data: { n: 1 }, expiresAt: Number.MAX_SAFE_INTEGER, meta: null });
        await server().stop();
        for (let i = 0; i < 3; i += 1) {
          const started = Date.now();
          await expect(store.sessions.get('sid', 1)).rejects.toMatchObject({ code: 'store_unavailable', status: 503, retryAfter: 5 });
          expect(Date.now() - started).toBeLessThan(4_000);
        }
        await server().start();
        expect((await store.sessions.get('sid', 1))?.data).toEqual({ n: 1 });
      } finally {
        await store.close();
      }
    });

    it('a statement that runs past DATABASE_STATEMENT_TIMEOUT is cancelled and answers store_unavailable', async () => {
      const url = await server().createDatabase();
      const store = await open(url, { DATABASE_STATEMENT_TIMEOUT: '0.5' });
      // Hold a lock on the sessions table from another connection, so the store's write must wait.
      const blocker = new pg.Client({ connectionString: url });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE sessions IN ACCESS EXCLUSIVE MODE');
        const started = Date.now();
        await expect(store.sessions.set('sid', { data: {}, expiresAt: 1, meta: null })).rejects.toMatchObject({
          code: 'store_unavailable',
        });
        expect(Date.now() - started).toBeLessThan(3_000);
      } finally {
        await blocker.query('ROLLBACK');
        await blocker.end();
        await store.close();
      }
    });
  });
});
