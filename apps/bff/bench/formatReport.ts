import type { Backend } from './database.js';
import type { LoadResult } from './load.js';
import { backendNames, type BackendOutcome, type BackendRun, type BenchReport } from './report.js';

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
const ms = (value: number | null, digits = 1) => (value === null ? '–' : `${value.toFixed(digits)} ms`);
const int = (value: number) => Math.round(value).toLocaleString('en-US');

/** Left-aligns the first column and right-aligns the rest. */
function table(rows: string[][]): string[] {
  const widths = rows[0]!.map((_, col) => Math.max(...rows.map((row) => row[col]!.length)));
  return rows.map((row) => row.map((cell, col) => (col === 0 ? cell.padEnd(widths[col]!) : cell.padStart(widths[col]!))).join('  '));
}

const loadOf = (run: BackendRun, expectStatus: number, path: string): LoadResult | undefined =>
  run.load.find((r) => r.expectStatus === expectStatus && new URL(r.url).pathname === path);
const perSec = (load: LoadResult | undefined) => (load ? int(load.requestsPerSec) : '–');

/** The side-by-side rows: one column per backend, "–" where a backend was not measured. */
function comparisonRows(outcomes: Array<[Backend, BackendOutcome]>): string[][] {
  const rows: Array<[string, (run: BackendRun) => string]> = [
    ['/auth/me req/s (session cookie)', (run) => perSec(loadOf(run, 200, '/auth/me'))],
    ['/auth/me p99', (run) => ms(loadOf(run, 200, '/auth/me')?.latencyMs.p99 ?? null, 0)],
    ['401 req/s (/auth/me, no cookie)', (run) => perSec(loadOf(run, 401, '/auth/me'))],
    ['providers req/s', (run) => perSec(loadOf(run, 200, '/auth/providers'))],
    ['sign-ins/s (sequential)', (run) => run.signIns.perSec.toFixed(1)],
    ['sign-in median', (run) => ms(run.signIns.medianMs)],
    ['CPU per sign-in, BFF', (run) => ms(run.cpu.bffPerSignInMs)],
    ['CPU per /auth/me, BFF', (run) => ms(run.cpu.bffPerMeRequestMs, 3)],
    ['CPU per sign-in, database server', (run) => (run.backend === 'sqlite' ? 'in the BFF' : ms(run.cpu.serverPerSignInMs))],
    ['CPU per /auth/me, database server', (run) => (run.backend === 'sqlite' ? 'in the BFF' : ms(run.cpu.serverPerMeRequestMs, 3))],
    ['RSS after /auth/me load', (run) => mb(run.memory.afterMeLoad)],
    ['RSS after sign-ins', (run) => mb(run.memory.afterSignIns)],
    ['sessions count ok', (run) => `${run.sessions.count === run.sessions.expected ? 'yes' : 'NO'} (${run.sessions.count}/${run.sessions.expected})`],
  ];
  const header = ['', ...outcomes.map(([backend]) => backendNames[backend])];
  return [header, ...rows.map(([label, cell]) => [label, ...outcomes.map(([, outcome]) => (outcome.status === 'measured' ? cell(outcome.run) : outcome.status))])];
}

/** Everything measured for one backend, as the bench printed it before it had two. */
function detail(run: BackendRun, report: BenchReport): string[] {
  const { signIns, memory, sessions, cpu } = run;
  const loadRows = [
    ['HTTP load (autocannon)', 'conns', 'secs', 'req/s', 'p50', 'p97.5', 'p99', 'requests', 'errors', 'unexpected'],
    ...run.load.map((r) => [
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
  const serverCpu = (value: number | null) => (value === null ? '–' : `${int(value)} ms`);
  const cpuRows = [
    ['', 'BFF', 'database server', 'count'],
    ['GET /auth/me load (session cookie)', `${int(cpu.meLoad.bffMs)} ms`, serverCpu(cpu.meLoad.serverMs), `${int(cpu.meLoad.requests)} requests`],
    ['sign-in loop', `${int(cpu.signIns.bffMs)} ms`, serverCpu(cpu.signIns.serverMs), `${int(cpu.signIns.count)} sign-ins`],
  ];
  return [
    `== ${backendNames[run.backend]}: ${run.database}`,
    `BFF child pid ${run.bff.pid} (NODE_ENV=${run.bff.nodeEnv}, LOG_LEVEL=${run.bff.logLevel}, SPA ${run.bff.servesSpa ? 'served' : 'not built'}); ${run.elapsedS.toFixed(1)} s`,
    '',
    ...table(loadRows),
    `  (latency ms from autocannon; "unexpected" = answers with another status; ${report.phases.warmupS} s warm-up on /auth/me not counted)`,
    '',
    `Sign-in round trips (sequential: /auth/login/oidc → IdP sign-in + consent → callback → /auth/me)`,
    `  ${signIns.completed} sign-ins in ${signIns.elapsedS.toFixed(1)} s = ${signIns.perSec.toFixed(1)} sign-ins/s; ` +
      `one sign-in: median ${ms(signIns.medianMs)}, p95 ${ms(signIns.p95Ms)}; failures ${signIns.failed}`,
    ...(signIns.firstError ? [`  first failure: ${signIns.firstError}`] : []),
    `  (stops at ${signIns.limits.maxCount} sign-ins or ${signIns.limits.maxS} s; ${signIns.note})`,
    '',
    `CPU time, user + system (/proc/<pid>/stat, 10 ms resolution); database server: ${cpu.serverNote}`,
    ...table(cpuRows).map((line) => `  ${line}`),
    '',
    `BFF child process memory (VmRSS from /proc/${run.bff.pid}/status)`,
    ...table(memoryRows).map((line) => `  ${line}`),
    '',
    `Sessions in the database at the end: ${sessions.count} (expected ${sessions.expected}: 1 + ${signIns.completed} sign-ins)`,
    `BFF log lines at LOG_LEVEL=warn: ${run.bff.logLines}`,
    ...(run.bff.logLines > 0 ? run.bff.logTail.trimEnd().split('\n').slice(-10).map((line) => `  | ${line}`) : []),
  ];
}

/** The human-readable report printed at the end of `pnpm bench`: both backends side by side, then each in detail. */
export function formatReport(report: BenchReport): string {
  const outcomes = Object.entries(report.backends) as Array<[Backend, BackendOutcome]>;
  const measured = outcomes.flatMap(([, outcome]) => (outcome.status === 'measured' ? [outcome.run] : []));
  const notMeasured = outcomes.flatMap(([backend, outcome]) => (outcome.status === 'measured' ? [] : [`${backendNames[backend]}: ${outcome.status} (${outcome.reason})`]));
  const lines = [
    '',
    `BFF benchmark, ${report.startedAt}${report.quick ? ' — BENCH_QUICK=1: phases of 1–2 s, not figures to quote' : ''}`,
    `Node ${report.environment.node}, ${report.environment.cpus} CPUs, ${report.environment.platform}; the same scenario once per backend, ` +
      `each with a fresh BFF child process and a fresh dev IdP (in the bench process); all traffic on 127.0.0.1`,
    ...notMeasured,
    '',
    ...(measured.length > 0 ? table(comparisonRows(outcomes)) : ['(no backend measured)']),
    `  (CPU per request = CPU time of that process during the load / requests answered; the database server's CPU is only` +
      ` measurable for PostgreSQL on this machine: SQLite's work is part of the BFF's)`,
  ];
  for (const run of measured) lines.push('', ...detail(run, report));
  lines.push('', `Total bench time: ${report.totalS.toFixed(1)} s`, '');
  return lines.join('\n');
}
