import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
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

export interface BenchReport {
  startedAt: string;
  environment: { node: string; cpus: number; platform: string };
  bff: { pid: number; nodeEnv: 'production'; logLevel: 'warn'; servesSpa: boolean; warmupS: number; logLines: number; logTail: string };
  load: LoadResult[];
  signIns: SignInSummary;
  /** The BFF child's VmRSS, bytes. */
  memory: { atStart: number; afterMeLoad: number; afterSignIns: number };
  /** Rows in `sessions` at the end; expected = the first sign-in + every completed one after it. */
  sessions: { count: number; expected: number };
  totalS: number;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; null when there are none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1]!;
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number | null) => (value === null ? '–' : `${value.toFixed(1)} ms`);
const int = (value: number) => Math.round(value).toLocaleString('en-US');

/** Left-aligns the first column and right-aligns the rest. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
}

/** The human-readable report printed at the end of `pnpm bench`. */
export function formatReport(report: BenchReport): string {
  const { signIns, memory, sessions } = report;
  const loadRows = [
    ['HTTP load (autocannon)', 'conns', 'secs', 'req/s', 'p50', 'p97.5', 'p99', 'requests', 'errors', 'unexpected'],
    ...report.load.map((r) => [
      `${r.label} → ${r.expectStatus}`,
      String(r.connections),
      String(r.durationS),
      int(r.requestsPerSec),
      `${r.latencyMs.p50} ms`,
      `${r.latencyMs.p97_5} ms`,
      `${r.latencyMs.p99} ms`,
      int(r.requests),
      String(r.errors),
      String(r.unexpectedStatus),
    ]),
  ];
  const memoryRows = [
    ['at start (after /healthz)', mb(memory.atStart)],
    ['after the GET /auth/me load', mb(memory.afterMeLoad)],
    ['after the sign-ins', mb(memory.afterSignIns)],
  ];
  const lines = [
    '',
    `BFF benchmark, ${report.startedAt}`,
    `Node ${report.environment.node}, ${report.environment.cpus} CPUs, ${report.environment.platform}; ` +
      `BFF as child process pid ${report.bff.pid} (NODE_ENV=${report.bff.nodeEnv}, LOG_LEVEL=${report.bff.logLevel}, ` +
      `SPA ${report.bff.servesSpa ? 'served' : 'not built'}), SQLite file, dev IdP in the bench process`,
    '',
    ...table(loadRows),
    `  (latency ms from autocannon; "unexpected" = answers with another status; ${report.bff.warmupS} s warm-up on /auth/me not counted)`,
    '',
    `Sign-in round trips (sequential: /auth/login/oidc → IdP sign-in + consent → callback → /auth/me)`,
    `  ${signIns.completed} sign-ins in ${signIns.elapsedS.toFixed(1)} s = ${signIns.perSec.toFixed(1)} sign-ins/s; ` +
      `one sign-in: median ${ms(signIns.medianMs)}, p95 ${ms(signIns.p95Ms)}; failures ${signIns.failed}`,
    ...(signIns.firstError ? [`  first failure: ${signIns.firstError}`] : []),
    `  (stops at ${signIns.limits.maxCount} sign-ins or ${signIns.limits.maxS} s; ${signIns.note})`,
    '',
    `BFF child process memory (VmRSS from /proc/${report.bff.pid}/status)`,
    ...table(memoryRows).map((line) => `  ${line}`),
    '',
    `Sessions in the SQLite DB at the end: ${sessions.count} (expected ${sessions.expected}: 1 + ${signIns.completed} sign-ins)`,
    `BFF log lines at LOG_LEVEL=warn: ${report.bff.logLines}`,
    ...(report.bff.logLines > 0 ? [report.bff.logTail.trimEnd().split('\n').slice(-10).map((line) => `  | ${line}`).join('\n')] : []),
    `Total bench time: ${report.totalS.toFixed(1)} s`,
    '',
  ];
  return lines.join('\n');
}

/** Writes the report as JSON (test-results/bench.json), creating the folder if needed. */
export function writeReportJson(report: BenchReport, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
