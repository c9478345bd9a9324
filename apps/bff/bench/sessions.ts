import Database from 'better-sqlite3';

/**
 * Counts the rows in the BFF's sessions table. Read-only, and called while the BFF still runs:
 * the database is in WAL mode, and the running BFF keeps its -wal/-shm files in place for us.
 */
export function countSessions(dbFile: string): number {
  const db = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare('SELECT count(*) AS n FROM sessions').get() as { n: number };
    return row.n;
  } finally {
    db.close();
  }
}
