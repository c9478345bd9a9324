import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { processCpuMs } from './cpu.js';

const bffDir = fileURLToPath(new URL('..', import.meta.url));
const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
const STARTUP_TIMEOUT_MS = 30_000;
const STOP_TIMEOUT_MS = 5_000;
const LOG_TAIL_CHARS = 16_000;

export interface BffProcessOptions {
  port: number;
  issuer: string;
  clientId: string;
  clientSecret: string;
  sessionSecret: string;
  /** DATABASE_URL: sqlite:<file> or postgres://… */
  databaseUrl: string;
  /** A scratch directory (ENV_FILE points into it so no stray `.env` is read). */
  tmpDir: string;
}

export interface BffProcess {
  pid: number;
  /** PUBLIC_URL, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Whether apps/web/dist was found and passed as WEB_DIST. */
  servesSpa: boolean;
  /** Resident set size of the child in bytes (Linux: /proc/<pid>/status VmRSS). */
  rssBytes(): number;
  /** CPU time (user + system) the child has used so far, ms (Linux: /proc/<pid>/stat). */
  cpuMs(): number;
  /** How many lines the child wrote to stdout/stderr (at LOG_LEVEL=warn: warnings and errors). */
  logLineCount(): number;
  /** The last lines the child wrote to stdout/stderr. */
  logTail(): string;
  /** SIGTERM, then SIGKILL if it has not exited after a few seconds. Safe to call twice. */
  stop(): Promise<void>;
}

/**
 * Starts the real BFF entry point (src/main.ts) as a separate Node process, so that the load
 * generator in the bench process never shares its event loop, and waits for GET /healthz.
 */
export async function startBffProcess(options: BffProcessOptions): Promise<BffProcess> {
  const origin = `http://127.0.0.1:${options.port}`;
  const servesSpa = existsSync(join(webDist, 'index.html'));
  // A clean environment: only what the bench means, nothing from the caller's shell or a `.env`.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? options.tmpDir,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    PORT: String(options.port),
    HOST: '127.0.0.1',
    PUBLIC_URL: origin,
    SESSION_SECRET: options.sessionSecret,
    DATABASE_URL: options.databaseUrl,
    OIDC_ISSUER: options.issuer,
    OIDC_CLIENT_ID: options.clientId,
    OIDC_CLIENT_SECRET: options.clientSecret,
    OIDC_NAME: 'Bench IdP',
    ENV_FILE: join(options.tmpDir, 'no-such.env'),
    // Every simulated user signs in from one loopback address: the bench measures the BFF, not its limits.
    RATE_LIMIT: 'off',
    ...(servesSpa ? { WEB_DIST: webDist } : {}),
  };

  // `node --import tsx` keeps tsx in the same process, so the pid we read RSS and CPU from is the BFF itself.
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], { cwd: bffDir, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  let logLines = 0;
  const collect = (chunk: Buffer) => {
    const text = chunk.toString('utf8');
    logLines += text.split('\n').length - 1;
    log = (log + text).slice(-LOG_TAIL_CHARS);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  // If the bench dies without reaching its cleanup, do not leave the BFF behind.
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

  try {
    await waitForHealthz(child, origin);
  } catch (err) {
    await stop();
    throw new Error(`${(err as Error).message}\n--- BFF output ---\n${log.trim() || '(none)'}`);
  }

  return {
    pid: child.pid!,
    origin,
    servesSpa,
    rssBytes: () => readRss(child.pid!),
    cpuMs: () => processCpuMs(child.pid!),
    logLineCount: () => logLines,
    logTail: () => log,
    stop,
  };
}

async function waitForHealthz(child: ChildProcess, origin: string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`the BFF exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
    }
    try {
      const response = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(1_000) });
      await response.arrayBuffer();
      if (response.status === 200) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the BFF did not answer GET /healthz with 200 within ${STARTUP_TIMEOUT_MS / 1000} s`);
}

function readRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(match[1]) * 1024;
}
