import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.js';
import { storeContract } from './store.contract.js';

const dir = mkdtempSync(join(tmpdir(), 'sso-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

storeContract('sqlite in memory', () => openSqliteStore(':memory:'));
let n = 0;
storeContract('sqlite file', () => openSqliteStore(join(dir, `contract-${(n += 1)}.sqlite`)));

describe('sqlite store', () => {
  it('creates its folder and files readable by the owner only: they hold sessions and tokens', async () => {
    const folder = join(dir, 'private', 'data');
    const file = join(folder, 'sso.sqlite');
    const store = openSqliteStore(file);
    await store.sessions.set('sid', { data: {}, expiresAt: Number.MAX_SAFE_INTEGER, meta: null });
    const mode = (path: string) => statSync(path).mode & 0o777;
    expect(mode(folder)).toBe(0o700);
    expect(mode(join(dir, 'private'))).toBe(0o700);
    for (const path of [file, `${file}-wal`, `${file}-shm`]) expect(mode(path), path).toBe(0o600);
    await store.close();
  });

  it('keeps users and sessions across a reopen of the same file, and migrates once', async () => {
    const file = join(dir, 'nested', 'reopen.sqlite');
    const first = openSqliteStore(file);
    const { user } = await first.users.signIn(
      { provider: 'dev', subject: 'bob', name: 'Bob', email: null, emailVerified: null, avatarUrl: null },
      1,
    );
    await first.sessions.set('sid', { data: { userId: user.id }, expiresAt: Number.MAX_SAFE_INTEGER, meta: null });
    await first.close();

    const second = openSqliteStore(file);
    expect(await second.users.getUser(user.id)).toEqual({ id: user.id, createdAt: 1 });
    expect((await second.sessions.get('sid', 2))?.data).toEqual({ userId: user.id });
    await second.close();
  });

  it('stores session ids hashed, so the database alone does not reveal a live cookie value', async () => {
    const file = join(dir, 'hashed.sqlite');
    const store = openSqliteStore(file);
    await store.sessions.set('the-raw-session-id', { data: {}, expiresAt: Number.MAX_SAFE_INTEGER, meta: null });
    await store.close();
    const { default: Database } = await import('better-sqlite3');
    const db = new Database(file, { readonly: true });
    const ids = db.prepare('SELECT id_hash FROM sessions').pluck().all();
    db.close();
    expect(ids).toHaveLength(1);
    expect(ids[0]).not.toContain('the-raw-session-id');
  });
});
