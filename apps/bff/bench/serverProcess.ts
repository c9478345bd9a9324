import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { NODE_FLAGS } from '../src/nodeFlags.js';
import { processCpuMs, processSystemCpuMs } from './cpu.js';
import { onServerCore, type Pinning } from './pinning.js';

const READY_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_TAIL_CHARS = 16_000;

export interface ServerProcessOptions {
  /** For messages: "BFF (SQLite)", "bare Koa", … */
  name: string;
  /** A Node script and its arguments, run with this Node (`node <NODE_FLAGS> <script>`), on the server core. */
  args: string[];
  cwd: string;
  /** The whole environment of the child: nothing from the caller's shell leaks in. */
  env: Record<string, string>;
  /** GET this until it answers 200. */
  readyUrl: string;
  /** How often to poll readyUrl, ms. */
  pollMs?: number;
  pinning: Pinning;
}

export interface ServerProcess {
  name: string;
  pid: number;
  /** ms from spawn to the first 200 on readyUrl. */
  readyMs: number;
  /** VmRSS, bytes. */
  rssBytes: () => number;
  /** CPU (user + system) the process has used so far, ms. */
  cpuMs: () => number;
  /** The part of cpuMs spent in the kernel (system time), ms. */
  systemCpuMs: () => number;
  logLineCount: () => number;
  logTail: () => string;
  /** SIGTERM, then SIGKILL after a few seconds. Safe to call twice. */
  stop: () => Promise<void>;
}

/**
 * Spawns a measured server as its own Node process on the server core and waits for its first 200.
 * Its output is read (so that it never blocks on a full pipe) and dropped, except a tail for errors.
 */
export async function startServerProcess(options: ServerProcessOptions): Promise<ServerProcess> {
  // Every measured server (the BFF, bare Koa, the ceiling's apps, the peer) runs with the flags
  // `pnpm start` gives the BFF (src/nodeFlags.ts), so that none is compared under other V8 settings.
  // Without them V8's memory reducer slows whichever server was idle before its phase: bare Koa
  // measured 14.6 and 15.0 µs per request, then 20.0 and 18.9 µs after later lulls (15.2–16.6 with them).
  const [command, args] = onServerCore(options.pinning, process.execPath, [...NODE_FLAGS, ...options.args]);
  const spawnedAt = performance.now();
  // taskset execs Node in place, so the child's pid is the server's own: its /proc entries are the server's.
  const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  let logLines = 0;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) logLines += 1;
    log = (log + text).slice(-LOG_TAIL_CHARS);
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the bench dies without reaching its cleanup, do not leave the server behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const stop = async () => {
    process.off('exit', killOnExit);
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  let readyMs: number;
  try {
    readyMs = (await waitForOk(child, options.readyUrl, options.pollMs ?? 50)) - spawnedAt;
  } catch (err) {
    await stop();
    throw new Error(`${options.name}: ${(err as Error).message}\n--- output ---\n${log.trim() || '(none)'}`, { cause: err });
  }
  return {
    name: options.name,
    pid: child.pid!,
    readyMs,
    rssBytes: () => readRss(child.pid!),
    cpuMs: () => processCpuMs(child.pid!),
    systemCpuMs: () => processSystemCpuMs(child.pid!),
    logLineCount: () => logLines,
    logTail: () => log,
    stop,
  };
}

/** Polls `url` until a 200; resolves with performance.now() at that answer. */
async function waitForOk(child: ChildProcess, url: string, pollMs: number): Promise<number> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  while (performance.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return performance.now();
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, pollMs));
  }
  throw new Error(`no 200 on ${url} within ${READY_TIMEOUT_MS / 1000} s`);
}

function readRss(pid: number): number {
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
