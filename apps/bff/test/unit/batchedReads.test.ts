import { afterEach, describe, expect, it, vi } from 'vitest';
import { batchedReads } from '../../src/store/batchedReads.js';

interface Row {
  key: string;
  value: string;
}

/** A read that records each query's keys and answers the keys it knows. */
function table(known: Record<string, string>) {
  const queries: string[][] = [];
  const read = vi.fn((keys: string[]) => {
    queries.push(keys);
    return Promise.resolve(keys.filter((key) => key in known).map((key) => ({ key, value: known[key]! })));
  });
  return { queries, read };
}

/** Lets the current turn of the event loop end (its check phase runs). */
const nextTurn = () => new Promise((resolve) => setImmediate(resolve));

describe('reads gathered over one turn of the event loop', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('makes one query for the keys asked in one turn, each distinct key once, and answers each caller', async () => {
    const { queries, read } = table({ a: 'A', b: 'B', c: 'C' });
    const get = batchedReads<string, Row>({ read, keyOf: (row) => row.key, maxKeys: 16 });
    const answers = await Promise.all(['a', 'b', 'a', 'missing', 'c'].map((key) => get(key)));
    expect(answers.map((row) => row?.value)).toEqual(['A', 'B', 'A', undefined, 'C']);
    // Four distinct keys: a list of four, nothing padded.
    expect(queries).toEqual([['a', 'b', 'missing', 'c']]);
  });

  it('waits for the turn to end, so that keys asked for later in the same turn join the query', async () => {
    const { queries, read } = table({ a: 'A', b: 'B' });
    const get = batchedReads<string, Row>({ read, keyOf: (row) => row.key, maxKeys: 16 });
    const first = get('a');
    await Promise.resolve();
    expect(read).not.toHaveBeenCalled();
    const second = get('b');
    expect((await first)?.value).toBe('A');
    expect((await second)?.value).toBe('B');
    expect(queries).toEqual([['a', 'b']]);
  });

  it('pads a list to a power of two with its last key, and splits more than maxKeys into several queries', async () => {
    const known = Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`k${i}`, `v${i}`]));
    const { queries, read } = table(known);
    const get = batchedReads<string, Row>({ read, keyOf: (row) => row.key, maxKeys: 4 });
    const answers = await Promise.all(Object.keys(known).map((key) => get(key)));
    expect(answers.map((row) => row?.value)).toEqual(Object.values(known));
    expect(queries).toEqual([
      ['k0', 'k1', 'k2', 'k3'],
      ['k4', 'k5', 'k6', 'k7'],
      ['k8', 'k9', 'k10', 'k10'],
    ]);
  });

  it('starts afresh each turn: a key read in one turn is read again in the next, nothing is kept', async () => {
    const known: Record<string, string> = { a: 'old' };
    const { queries, read } = table(known);
    const get = batchedReads<string, Row>({ read, keyOf: (row) => row.key, maxKeys: 16 });
    expect((await get('a'))?.value).toBe('old');
    known['a'] = 'new';
    await nextTurn();
    expect((await get('a'))?.value).toBe('new');
    expect(queries).toEqual([['a'], ['a']]);
  });

  it('a query that fails rejects every caller that waited on it, and only those', async () => {
    const get = batchedReads<string, Row>({
      read: (keys) =>
        keys.includes('bad') ? Promise.reject(new Error('database down')) : Promise.resolve([{ key: keys[0]!, value: 'fine' }]),
      keyOf: (row) => row.key,
      maxKeys: 2,
    });
    const results = await Promise.allSettled(['bad', 'x', 'good'].map((key) => get(key)));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'fulfilled']);
    expect((results[0] as PromiseRejectedResult).reason).toMatchObject({ message: 'database down' });
    // A read that throws instead of rejecting fails its callers the same way.
    const throwing = batchedReads<string, Row>({
      read: () => {
        throw new Error('closed');
      },
      keyOf: (row) => row.key,
      maxKeys: 2,
    });
    await expect(throwing('a')).rejects.toThrow('closed');
  });
});
