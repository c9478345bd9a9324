import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CeilingFigures } from './ceiling.js';
import type { MemoryFigures } from './memory.js';
import type { BenchOptions } from './options.js';
import type { PhaseRun, ServerId } from './rounds.js';
import type { SpaFigures } from './spa.js';
import type { StartupFigures } from './startup.js';
import type { PhaseSummary } from './summary.js';

/** The cookies a browser sends to an RP's "me" URL right after signing in. */
export interface CookieFigures {
  /** The Cookie header's value, names only (`a=…; b=…`): values are secrets. */
  names: string[];
  count: number;
  /** Bytes of the header's value as sent (`a=1; b=2`). */
  bytes: number;
}

/** One server of the run: what it is, where it ran, and its figures outside the phases. */
export interface ServerInfo {
  id: ServerId;
  name: string;
  pid: number;
  /** Cpus_allowed_list of the process. */
  cpus: string;
  /** VmRSS at the end of the rounds, bytes. */
  rssAfterRounds: number;
  /** Log lines it wrote (the BFF logs one per request at the default level). */
  logLines: number;
  cookie: CookieFigures | null;
  /** e.g. the database it used. */
  note: string;
}

export interface BenchReport {
  startedAt: string;
  environment: { node: string; cpus: number; platform: string; cpuModel: string };
  pinning: string;
  /** Where each process may run (Cpus_allowed_list). */
  placement: Record<string, string>;
  quick: boolean;
  options: Omit<BenchOptions, 'postgres'>;
  postgresSkipped: string | null;
  servers: ServerInfo[];
  phases: PhaseSummary[];
  /** Every phase of every round as kept, warm-up included, for a closer look. */
  runs: PhaseRun[];
  /** The least a BFF could do, beside bare Koa (ceiling.ts); null when it could not run. */
  ceiling: CeilingFigures | null;
  startup: StartupFigures | null;
  memory: MemoryFigures | null;
  spa: SpaFigures;
  /** Setup steps that failed (the run still reports what it measured; exit 1). */
  failures: string[];
  totalS: number;
}

/** Writes the report as JSON (test-results/bench.json), creating the folder if needed. */
export function writeReportJson(report: BenchReport, file: string): void {
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(report, null, 2)}\n`);
}
