import type { Config } from '../config/index.js';
import type { PostgresStoreOptions } from './postgres.js';
import type { Store } from './types.js';

export type * from './types.js';
export { DatabaseStartError } from './startError.js';

/**
 * Opens the store that DATABASE_URL names (and migrates it). Each driver is loaded only when it
 * is the one configured: a SQLite deployment never loads pg, and start-up is shorter for it.
 */
export async function openStore(database: Config['database'], options: PostgresStoreOptions): Promise<Store> {
  switch (database.kind) {
    case 'sqlite': {
      const { openSqliteStore } = await import('./sqlite.js');
      return openSqliteStore(database.filename, options);
    }
    case 'postgres': {
      const { openPostgresStore } = await import('./postgres.js');
      return openPostgresStore(database, options);
    }
  }
}
