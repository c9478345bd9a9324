import Database from 'better-sqlite3';
import { CompiledQuery } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { directExecutor, statementCache } from '../../src/store/sqlite.js';

// The sign-in's statements skip Kysely on the main SQLite connection, but never inside a
// transaction that Kysely holds open there: a statement run then would commit or roll back with it.
let sqlite: Database.Database;
beforeEach(() => {
  sqlite = new Database(':memory:');
  sqlite.exec('CREATE TABLE t (k TEXT PRIMARY KEY, v INTEGER)');
});
afterEach(() => sqlite.close());

const query = <R>(sql: string, ...parameters: unknown[]) => CompiledQuery.raw(sql, parameters) as CompiledQuery<R>;

describe('the direct executor', () => {
  it('runs a write and a read on the connection, each statement prepared once', () => {
    const prepared: string[] = [];
    const cache = statementCache(sqlite);
    const direct = directExecutor(sqlite, (sql) => (prepared.push(sql), cache(sql)));
    expect(direct(query('INSERT INTO t VALUES (?, ?)', 'a', 1))).toEqual([]);
    expect(direct(query('INSERT INTO t VALUES (?, ?)', 'b', 2))).toEqual([]);
    expect(direct(query('UPDATE t SET v = v + 10 WHERE k = ? RETURNING v', 'a'))).toEqual([{ v: 11 }]);
    expect(direct(query('SELECT k, v FROM t ORDER BY k'))).toEqual([
      { k: 'a', v: 11 },
      { k: 'b', v: 2 },
    ]);
    expect(cache('INSERT INTO t VALUES (?, ?)')).toBe(cache('INSERT INTO t VALUES (?, ?)'));
    expect(new Set(prepared).size).toBe(3);
  });

  it('declines while a transaction is open, so that the statement waits for it instead of joining it', () => {
    const direct = directExecutor(sqlite, statementCache(sqlite));
    sqlite.exec('BEGIN');
    expect(direct(query('INSERT INTO t VALUES (?, ?)', 'inside', 1))).toBeUndefined();
    sqlite.exec('ROLLBACK');
    expect(direct(query('INSERT INTO t VALUES (?, ?)', 'after', 1))).toEqual([]);
    expect(direct(query('SELECT k FROM t'))).toEqual([{ k: 'after' }]);
  });

  it('a failing statement throws (the store turns it into its error), and leaves the connection usable', () => {
    const direct = directExecutor(sqlite, statementCache(sqlite));
    direct(query('INSERT INTO t VALUES (?, ?)', 'a', 1));
    expect(() => direct(query('INSERT INTO t VALUES (?, ?)', 'a', 2))).toThrow(/UNIQUE/);
    expect(sqlite.inTransaction).toBe(false);
    expect(direct(query('SELECT v FROM t'))).toEqual([{ v: 1 }]);
  });
});
