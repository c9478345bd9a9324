import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';

/** Where the measured servers and the bench itself run. */
export interface Pinning {
  /** True with two CPUs or more and `taskset` on the PATH. */
  pinned: boolean;
  /** The core every measured server runs on (taskset -c), or null when unpinned. */
  serverCore: number | null;
  /** The core of the bench process (load generator, OP) and of PostgreSQL, or null. */
  benchCore: number | null;
  /** One line for the report: how it is pinned, or why not. */
  description: string;
}

const SERVER_CORE = 0;
const BENCH_CORE = 1;

function hasTaskset(): boolean {
  return spawnSync('taskset', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Pins every thread of `pid` to `core`; threads and children it creates later inherit that. */
export function pinProcess(pid: number, core: number): void {
  const result = spawnSync('taskset', ['-apc', String(core), String(pid)], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`taskset -apc ${core} ${pid} failed: ${result.stderr.trim()}`);
}

/** The CPUs a process may run on (Cpus_allowed_list in /proc/<pid>/status), e.g. "0" or "0-1". */
export function allowedCpus(pid: number): string {
  try {
    return /^Cpus_allowed_list:\s*(\S+)/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? '?';
  } catch {
    return '?';
  }
}

/**
 * Decides the pinning and pins the bench process itself to its core at once, so that everything it
 * starts afterwards without a `taskset -c` of its own (PostgreSQL included) inherits that core.
 */
export function pinBench(): Pinning {
  const cpus = availableParallelism();
  if (cpus < 2) return { pinned: false, serverCore: null, benchCore: null, description: `unpinned: ${cpus} CPU, nothing to separate` };
  if (!hasTaskset())
    return { pinned: false, serverCore: null, benchCore: null, description: `unpinned: ${cpus} CPUs but no taskset on the PATH` };
  pinProcess(process.pid, BENCH_CORE);
  return {
    pinned: true,
    serverCore: SERVER_CORE,
    benchCore: BENCH_CORE,
    description:
      `each measured server alone on core ${SERVER_CORE} (taskset -c ${SERVER_CORE}); the bench process ` +
      `(load generator, OpenID Provider, HTTP client) and PostgreSQL on core ${BENCH_CORE}`,
  };
}

/** The command that starts `args` on the server core (or as is, unpinned). */
export function onServerCore(pinning: Pinning, command: string, args: string[]): [string, string[]] {
  return pinning.serverCore === null ? [command, args] : ['taskset', ['-c', String(pinning.serverCore), command, ...args]];
}
