import type { Config } from '../config.js';
import { openSqliteStore } from './sqlite.js';
import type { Store } from './types.js';

export type * from './types.js';

/** Opens the store that DATABASE_URL names. */
export function openStore(database: Config['database']): Store {
  switch (database.kind) {
    case 'sqlite':
      return openSqliteStore(database.filename);
  }
}
