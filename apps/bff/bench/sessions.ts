import Database from 'better-sqlite3';
import pg from 'pg';

/**
 * Counts the rows in the BFF's sessions table in a SQLite file. Read-only, and called while the BFF
 * still runs: the database is in WAL mode, and the running BFF keeps its -wal/-shm files in place for us.
 */
export function countSqliteSessions(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}

/** Counts the rows in the BFF's sessions table in a PostgreSQL database, over a connection of its own. */
export async function countPostgresSessions(url: string): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    // count(*) is a bigint, which pg returns as a string.
    const result = await client.query<{ n: string }>('SELECT count(*) AS n FROM sessions');
    return Number(result.rows[0]!.n);
  } finally {
    await client.end();
  }
}
