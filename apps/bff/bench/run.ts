/**
 * `pnpm bench`: measures the BFF's speed, CPU and memory on SQLite and then on PostgreSQL, the same
 * scenario for each, and prints them side by side (also written to test-results/bench.json).
 * It only measures, never asserts: exit 1 means a setup failed. PostgreSQL is a throwaway cluster
 * (initdb + pg_ctl), or a new database on BENCH_DATABASE_URL / TEST_DATABASE_URL; without either it
 * is skipped, saying why, and SQLite is still reported.
 *
 * The dev IdP runs in this process; the BFF runs as a child process (src/main.ts, NODE_ENV=production)
 * so that the load generator does not share its event loop. All traffic stays on 127.0.0.1.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PostgresSkipped } from '../test/support/pgCluster.js';
import { postgresDatabase, sqliteDatabase, type Backend, type BenchDatabase } from './database.js';
import { formatReport } from './formatReport.js';
import { benchOptions, type BenchOptions } from './options.js';
import { backendNames, writeReportJson, type BackendOutcome, type BenchReport } from './report.js';
import { runScenario } from './scenario.js';

const REPORT_FILE = fileURLToPath(new URL('../../../test-results/bench.json', import.meta.url));

const progress = (message: string) => console.log(`bench: ${message}`);
const cleanups: Array<() => Promise<void> | void> = [];

/** Runs the cleanups once, newest first; a failing one does not stop the others. */
async function cleanUp(): Promise<void> {
  for (const cleanup of cleanups.splice(0).reverse()) {
    try {
      await cleanup();
    } catch (err) {
      console.error(`bench: cleanup failed: ${(err as Error).message}`);
    }
  }
}

/** One backend from start to finish; everything it started is stopped before the next one begins. */
async function measure(
  backend: Backend,
  options: BenchOptions,
  open: (tmpDir: string) => Promise<BenchDatabase | PostgresSkipped>,
): Promise<BackendOutcome> {
  const name = backendNames[backend];
  const say = (message: string) => progress(`${name}: ${message}`);
  const tmpDir = mkdtempSync(join(tmpdir(), `sso-bench-${backend}-`));
  cleanups.push(() => rmSync(tmpDir, { recursive: true, force: true }));
  try {
    const database = await open(tmpDir);
    if ('skipped' in database) {
      const reason = `${database.skipped}; set BENCH_DATABASE_URL or TEST_DATABASE_URL to use a server of your own`;
      progress(`${name}: skipped (${reason})`);
      return { status: 'skipped', reason };
    }
    cleanups.push(() => database.close());
    say(database.description);
    const run = await runScenario(database, options, { tmpDir, defer: (cleanup) => cleanups.push(cleanup), progress: say });
    say(`done in ${run.elapsedS.toFixed(1)} s`);
    return { status: 'measured', run };
  } catch (err) {
    const reason = (err as Error).message;
    console.error(`bench: ${name}: setup failed: ${reason}`);
    return { status: 'failed', reason: reason.split('\n')[0]! };
  } finally {
    await cleanUp();
  }
}

async function main(options: BenchOptions): Promise<BenchReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const perBackendS = options.warmupS + options.meS + 2 * options.otherLoadS + options.signInMaxS;
  progress(`SQLite, then PostgreSQL; each about ${perBackendS} s of load plus start-up${options.quick ? ' (BENCH_QUICK=1)' : ''}`);
  const sqlite = await measure('sqlite', options, async (tmpDir) => sqliteDatabase(tmpDir));
  if (options.postgres) progress(`PostgreSQL: a new database on the server in ${options.postgres.variable}`);
  const postgres = await measure('postgres', options, () => postgresDatabase(options.postgres));
  return {
    startedAt,
    environment: { node: process.version, cpus: availableParallelism(), platform: `${process.platform}/${process.arch}` },
    quick: options.quick,
    phases: { warmupS: options.warmupS, meS: options.meS, otherLoadS: options.otherLoadS, signInMaxCount: options.signInMaxCount, signInMaxS: options.signInMaxS },
    backends: { sqlite, postgres },
    totalS: (performance.now() - started) / 1000,
  };
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`bench: ${signal}, stopping`);
    void cleanUp().finally(() => process.exit(130));
  });
}

try {
  const report = await main(benchOptions(process.env));
  console.log(formatReport(report));
  writeReportJson(report, REPORT_FILE);
  for (const [backend, outcome] of Object.entries(report.backends) as Array<[Backend, BackendOutcome]>) {
    if (outcome.status !== 'measured') continue;
    const name = backendNames[backend];
    for (const r of outcome.run.load.filter((r) => r.errors > 0 || r.unexpectedStatus > 0)) {
      console.log(`NOTE: ${name}: ${r.label}: ${r.errors} errors, ${r.unexpectedStatus} unexpected answers (${JSON.stringify(r.statusCounts)})`);
    }
    if (outcome.run.signIns.failed > 0) console.log(`NOTE: ${name}: ${outcome.run.signIns.failed} sign-ins failed`);
  }
  console.log(`JSON: ${REPORT_FILE}`);
  if (Object.values(report.backends).some((outcome) => outcome.status === 'failed')) process.exitCode = 1;
} catch (err) {
  await cleanUp();
  console.error(`bench: failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
