import type { Config } from '../config.js';
import type { Logger } from '../logger.js';
import { openPostgresStore, type PostgresStoreOptions } from './postgres.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type * from './types.js';
export { DatabaseStartError } from './postgres.js';

/** Opens the store that DATABASE_URL names (and migrates it). */
export async function openStore(database: Config['database'], options: PostgresStoreOptions): Promise<Store> {
  switch (database.kind) {
    case 'sqlite':
      return openSqliteStore(database.filename, options);
    case 'postgres':
      return openPostgresStore(database, options);
  }
}
