import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Backend } from './database.js';
import type { LoadResult } from './load.js';

export interface SignInSummary {
  completed: number;
  failed: number;
  firstError: string | null;
  elapsedS: number;
  perSec: number;
  medianMs: number | null;
  p95Ms: number | null;
  limits: { maxCount: number; maxS: number };
  note: string;
}

/**
 * CPU time (user + system, ms; /proc resolution 10 ms) used during the measured GET /auth/me load
 * (warm-up excluded) and during the sign-in loop, by the BFF child and by the database server
 * (null: SQLite, which has none, or a server we cannot see).
 */
export interface CpuSummary {
  meLoad: { bffMs: number; serverMs: number | null; requests: number };
  signIns: { bffMs: number; serverMs: number | null; count: number };
  bffPerMeRequestMs: number | null;
  bffPerSignInMs: number | null;
  serverPerMeRequestMs: number | null;
  serverPerSignInMs: number | null;
  serverNote: string;
}

/** One backend's run of the scenario. */
export interface BackendRun {
  backend: Backend;
  database: string;
  bff: { pid: number; nodeEnv: 'production'; logLevel: 'warn'; servesSpa: boolean; logLines: number; logTail: string };
  load: LoadResult[];
  signIns: SignInSummary;
  cpu: CpuSummary;
  /** The BFF child's VmRSS, bytes. */
  memory: { atStart: number; afterMeLoad: number; afterSignIns: number };
  /** Rows in `sessions` at the end; expected = the first sign-in + every completed one after it. */
  sessions: { count: number; expected: number };
  elapsedS: number;
}

/** Measured; skipped because the backend is not available here; or failed to set up (exit 1). */
export type BackendOutcome = { status: 'measured'; run: BackendRun } | { status: 'skipped'; reason: string } | { status: 'failed'; reason: string };

export interface BenchReport {
  startedAt: string;
  environment: { node: string; cpus: number; platform: string };
  /** BENCH_QUICK=1: phases of a second or two, for working on the bench; not figures to quote. */
  quick: boolean;
  phases: { warmupS: number; meS: number; otherLoadS: number; signInMaxCount: number; signInMaxS: number };
  backends: Record<Backend, BackendOutcome>;
  totalS: number;
}

export const backendNames: Record<Backend, string> = { sqlite: 'SQLite', postgres: 'PostgreSQL' };

/** Nearest-rank percentile (p in 0..100) of unsorted values; null when there are none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

/** Writes the report as JSON (test-results/bench.json), creating the folder if needed. */
export function writeReportJson(report: BenchReport, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
