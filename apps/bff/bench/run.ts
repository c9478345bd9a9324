/**
 * `pnpm bench`: the bare Koa comparator, the BFF on SQLite and on PostgreSQL, and express-openid-connect,
 * in one run against one cheap OpenID Provider, each server pinned to the same core; prints the figures
 * against issue 10's targets and writes test-results/bench.json and docs/benchmarks.md. It only reports:
 * exit 1 means a setup failed, never a number. See docs/benchmarks.md ("How it is measured").
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { measureCeiling, type CeilingFigures } from './ceiling.js';
import type { OwnProcesses } from './disturbance.js';
import { writeBenchmarksDoc } from './docs.js';
import { formatReport } from './formatReport.js';
import { measureMemory, type MemoryFigures } from './memory.js';
import { benchOptions, type BenchOptions } from './options.js';
import { pinBench, type Pinning } from './pinning.js';
import { writeReportJson, type BenchReport, type CookieFigures, type ServerInfo } from './report.js';
import { startRig, type Rig } from './rig.js';
import { phasePlans, runRounds, type ServerId } from './rounds.js';
import type { ServerProcess } from './serverProcess.js';
import { measureSpa } from './spa.js';
import { measureStartup, type StartupFigures } from './startup.js';
import { summarize } from './summary.js';

const REPORT_FILE = fileURLToPath(new URL('../../../test-results/bench.json', import.meta.url));
const DOC_FILE = fileURLToPath(new URL('../../../docs/benchmarks.md', import.meta.url));
// A quick run's figures are not to quote: they never replace the committed docs/benchmarks.md.
const QUICK_DOC_FILE = fileURLToPath(new URL('../../../test-results/benchmarks-quick.md', import.meta.url));

// Read before the bench pins itself to one core: from then on this process sees only that one.
const MACHINE_CPUS = availableParallelism();
const say = (message: string) => console.log(`bench: ${message}`);
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

function cookieFigures(header: string): CookieFigures {
  const names = header ? header.split('; ').map((pair) => pair.slice(0, pair.indexOf('='))) : [];
  return { names, count: names.length, bytes: Buffer.byteLength(header) };
}

/** The servers of the rig: where each ran, its RSS after the rounds, its log lines and its sign-in cookies. */
function serverInfos(rig: Rig): ServerInfo[] {
  const entries: Array<{ id: ServerId; process: ServerProcess; placement: string; cookie: string | null; note: string }> = [
    { id: 'koa', process: rig.koa, placement: 'bare Koa', cookie: null, note: 'GET / answers the BFF /auth/me body' },
  ];
  for (const id of ['sqlite', 'postgres'] as const) {
    const rp = rig[id];
    if (rp)
      entries.push({ id, process: rp.process, placement: rp.process.name, cookie: rp.signedIn.cookie, note: rp.database.description });
  }
  entries.push({
    id: 'eoc',
    process: rig.eoc.process,
    placement: 'express-openid-connect',
    cookie: rig.eoc.signedIn.cookie,
    note: 'Express 5; appSession cookie (the encrypted session)',
  });
  return entries.map(({ id, process, placement, cookie, note }) => ({
    id,
    name: process.name,
    pid: process.pid,
    cpus: rig.placement[placement] ?? '?',
    rssAfterRounds: process.rssBytes(),
    logLines: process.logLineCount(),
    cookie: cookie === null ? null : cookieFigures(cookie),
    note,
  }));
}

async function main(options: BenchOptions, pinning: Pinning): Promise<BenchReport> {
  const started = performance.now();
  const startedAt = new Date().toISOString();
  const failures: string[] = [];
  const tmpDir = mkdtempSync(join(tmpdir(), 'sso-bench-'));
  cleanups.push(() => rmSync(tmpDir, { recursive: true, force: true }));
  say(`${pinning.description}${options.quick ? ' (BENCH_QUICK=1)' : ''}`);

  const rig = await startRig(options, pinning, tmpDir, (cleanup) => cleanups.push(cleanup), say);
  const own: OwnProcesses = { postmasterPid: rig.postgres?.database.postmasterPid ?? null };

  let startup: StartupFigures | null = null;
  try {
    startup = await measureStartup(options.startups, rig.op, pinning, tmpDir, own, options.maxAttempts);
    say(`start-up: median ${startup.medianMs?.toFixed(0)} ms`);
  } catch (err) {
    failures.push(`start-up: ${(err as Error).message.split('\n')[0]}`);
  }

  const plans = phasePlans(rig, options);
  say(`${plans.length} phases per round: a warm-up round and ${options.rounds} measured ones…`);
  const runs = await runRounds(plans, options, own, say);
  const servers = serverInfos(rig);

  let ceiling: CeilingFigures | null = null;
  try {
    ceiling = await measureCeiling(rig, options, pinning, say);
  } catch (err) {
    failures.push(`ceiling: ${(err as Error).message.split('\n')[0]}`);
  }

  let memory: MemoryFigures | null = null;
  try {
    memory = await measureMemory(options, rig.op, rig.sparePort, pinning, tmpDir, say);
  } catch (err) {
    failures.push(`memory: ${(err as Error).message.split('\n')[0]}`);
  }
  const spa = await measureSpa();
  const { postgres: _postgres, ...shown } = options;
  return {
    startedAt,
    environment: {
      node: process.version,
      cpus: MACHINE_CPUS,
      platform: `${process.platform}/${process.arch}`,
      cpuModel: cpus()[0]?.model.trim() ?? '?',
    },
    pinning: pinning.description,
    placement: rig.placement,
    quick: options.quick,
    options: shown,
    postgresSkipped: rig.postgresSkipped,
    servers,
    phases: summarize(plans, runs),
    runs,
    ceiling,
    startup,
    memory,
    spa,
    failures,
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
  const options = benchOptions(process.env);
  const report = await main(options, pinBench());
  await cleanUp();
  console.log(`\n${formatReport(report)}\n`);
  writeReportJson(report, REPORT_FILE);
  const docFile = report.quick ? QUICK_DOC_FILE : DOC_FILE;
  writeBenchmarksDoc(report, docFile, process.env.BENCH_NOTE?.trim() ?? '');
  console.log(`JSON: ${REPORT_FILE}\nMarkdown: ${docFile}`);
  if (report.failures.length > 0) process.exitCode = 1;
} catch (err) {
  await cleanUp();
  console.error(`bench: failed: ${(err as Error).stack ?? (err as Error).message}`);
  process.exitCode = 1;
}
