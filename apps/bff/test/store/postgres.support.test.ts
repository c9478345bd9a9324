import pg from 'pg';
import { expect, it } from 'vitest';
import { describePostgres } from '../support/postgres.js';

/** A connected client whose connection errors are kept instead of crashing the test run. */
async function connect(url: string): Promise<{ client: pg.Client; errors: Error[] }> {
  const client = new pg.Client({ connectionString: url });
  const errors: Error[] = [];
  client.on('error', (err) => errors.push(err));
  await client.connect();
  return { client, errors };
}

describePostgres('the test PostgreSQL helper', (pg) => {
  it('creates databases that are separate: a table made in one does not exist in the other', async () => {
    const [first, second] = [await pg().createDatabase(), await pg().createDatabase()];
    expect(first).not.toBe(second);
    const a = await connect(first);
    const b = await connect(second);
    try {
      await a.client.query('CREATE TABLE only_here (id int)');
      await a.client.query('INSERT INTO only_here VALUES (1)');
      const here = await a.client.query<{ t: string | null }>(`SELECT to_regclass('only_here')::text AS t`);
      const there = await b.client.query<{ t: string | null }>(`SELECT to_regclass('only_here')::text AS t`);
      expect(here.rows[0]?.t).toBe('only_here');
      expect(there.rows[0]?.t).toBeNull();
      const names = await Promise.all(
        [a, b].map(async ({ client }) => (await client.query<{ d: string }>('SELECT current_database() AS d')).rows[0]?.d),
      );
      expect(names).toEqual([new URL(first).pathname.slice(1), new URL(second).pathname.slice(1)]);
    } finally {
      await Promise.all([a.client.end(), b.client.end()]);
    }
  });

  it('after stop() queries fail with a connection error, and after start() a new connection works again', async (ctx) => {
    if (!pg().restartable) ctx.skip('TEST_DATABASE_URL is not ours to stop');
    const url = await pg().createDatabase();
    const before = await connect(url);
    expect((await before.client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);

    await pg().stop();
    try {
      // The connected client was cut off by the server...
      await expect(before.client.query('SELECT 1')).rejects.toThrow();
      // ...and a new one is refused: nothing listens on the port any more.
      await expect(connect(url)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
    } finally {
      await pg().start();
    }
    await before.client.end().catch(() => {});

    const after = await connect(url);
    expect((await after.client.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    expect(new URL(url).port).toBe(String(pg().port));
    await after.client.end();
  });
});
