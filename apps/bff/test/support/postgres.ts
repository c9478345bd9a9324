import { afterAll, beforeAll, describe, it } from 'vitest';
import { findPostgres, startPostgres, type TestPostgres } from './pgCluster.js';

// The vitest part; the cluster itself (usable without vitest, e.g. by the bench) is in pgCluster.ts.
export { findPostgres, startPostgres, type PostgresSkipped, type TestPostgres } from './pgCluster.js';

const START_TIMEOUT_MS = 60_000;

/**
 * `describe` with one PostgreSQL for the whole block, started before its first test and closed after
 * its last. Without PostgreSQL the block is skipped with a loud warning, or fails when
 * REQUIRE_POSTGRES=1 (CI), so a missing server can never pass silently.
 */
export function describePostgres(name: string, fn: (pg: () => TestPostgres) => void): void {
  const found = findPostgres();
  if ('skipped' in found) {
    if (process.env.REQUIRE_POSTGRES === '1') {
      describe(name, () => {
        it('needs PostgreSQL (REQUIRE_POSTGRES=1)', () => {
          throw new Error(`PostgreSQL is required (REQUIRE_POSTGRES=1) but unavailable: ${found.skipped}`);
        });
      });
      return;
    }
    const bar = '!'.repeat(78);
    console.warn(
      `\n${bar}\n!! SKIPPED "${name}": no PostgreSQL.\n!! ${found.skipped}\n!! Set REQUIRE_POSTGRES=1 to make this a failure.\n${bar}\n`,
    );
    describe.skip(name, () => fn(() => unavailable()));
    return;
  }

  let server: TestPostgres | undefined;
  describe(name, () => {
    beforeAll(async () => {
      const started = await startPostgres();
      // findPostgres() just said yes, so a skip here is a broken installation: fail, do not skip.
      if ('skipped' in started) throw new Error(`PostgreSQL could not be used: ${started.skipped}`);
      server = started;
    }, START_TIMEOUT_MS);
    afterAll(async () => {
      await server?.close();
      server = undefined;
    }, START_TIMEOUT_MS);
    fn(() => server ?? unavailable());
  });
}

function unavailable(): never {
  throw new Error('PostgreSQL is not started: call pg() inside a test or hook of describePostgres');
}
