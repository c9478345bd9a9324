import { runLoad } from './load.js';
import { percentile } from './stats.js';
import { readMe, signInBatch, type SignInRoute } from './signIn.js';

/** What the bench can read about a measured server and, for PostgreSQL, its database server. */
export interface Measured {
  cpuMs(): number;
  /** The part of cpuMs spent in the kernel. */
  systemCpuMs(): number;
  /** The database server's CPU so far (PostgreSQL), or null (SQLite runs inside the BFF). */
  databaseCpuMs: (() => number) | null;
}

/** One load phase: autocannon against one URL, and the CPU the server used meanwhile. */
export interface LoadFigures {
  kind: 'load';
  requestsPerSec: number;
  p99Ms: number;
  requests: number;
  /** Server CPU per answered request, µs. */
  serverCpuUs: number | null;
  /**
   * Of which in the kernel, µs: reading and writing the sockets, and waking the load generator when
   * it sleeps between answers (on a VM a wake-up of another core is dear, and a slower server pays
   * it at more of its answers).
   */
  kernelCpuUs: number | null;
  /** PostgreSQL's CPU per request, µs (null: SQLite or no server). */
  databaseCpuUs: number | null;
  /** The bench process's CPU (load generator) as a share of its core: near 1 means it, not the server, was the limit. */
  benchShare: number;
  /** The server's CPU as a share of its core. */
  serverShare: number;
  errors: number;
  unexpected: number;
  statusCounts: Record<string, number>;
}

/** One sign-in phase: complete sign-ins one after the other, and the server's CPU for them. */
export interface SignInFigures {
  kind: 'signIn';
  completed: number;
  failed: number;
  firstError: string | null;
  /** Server CPU per sign-in, ms. */
  serverCpuMs: number | null;
  databaseCpuMs: number | null;
  medianMs: number | null;
  /** Whether the last sign-in's cookies were then accepted by the "me" URL (checked after the measurement). */
  sessionWorks: boolean;
}

export type PhaseFigures = LoadFigures | SignInFigures;

const per = (total: number, count: number) => (count > 0 ? total / count : null);

/** Runs autocannon for `durationS` and reads the CPU of the server, its database and the bench around it. */
export async function loadPhase(
  server: Measured,
  load: { url: string; expectStatus: number; durationS: number; connections: number; headers?: Record<string, string> },
): Promise<LoadFigures> {
  const cpu0 = server.cpuMs();
  const system0 = server.systemCpuMs();
  const db0 = server.databaseCpuMs?.() ?? 0;
  const bench0 = process.cpuUsage();
  const t0 = performance.now();
  const result = await runLoad({ label: load.url, ...load });
  const wallMs = performance.now() - t0;
  const bench = process.cpuUsage(bench0);
  const serverMs = server.cpuMs() - cpu0;
  const systemMs = server.systemCpuMs() - system0;
  const dbMs = server.databaseCpuMs ? server.databaseCpuMs() - db0 : null;
  return {
    kind: 'load',
    requestsPerSec: result.requestsPerSec,
    p99Ms: result.latencyMs.p99,
    requests: result.requests,
    serverCpuUs: per(serverMs * 1000, result.requests),
    kernelCpuUs: per(systemMs * 1000, result.requests),
    databaseCpuUs: dbMs === null ? null : per(dbMs * 1000, result.requests),
    benchShare: (bench.user + bench.system) / 1000 / wallMs,
    serverShare: serverMs / wallMs,
    errors: result.errors,
    unexpected: result.unexpectedStatus,
    statusCounts: result.statusCounts,
  };
}

/** `count` sign-ins one after the other; then, outside the measurement, checks the last one's session. */
export async function signInPhase(server: Measured, origin: string, route: SignInRoute, count: number): Promise<SignInFigures> {
  const cpu0 = server.cpuMs();
  const db0 = server.databaseCpuMs?.() ?? 0;
  const batch = await signInBatch(origin, route, count, 1);
  const serverMs = server.cpuMs() - cpu0;
  const dbMs = server.databaseCpuMs ? server.databaseCpuMs() - db0 : null;
  let sessionWorks = false;
  if (batch.last) {
    try {
      await readMe(origin, route, batch.last);
      sessionWorks = true;
    } catch {
      // Reported as sessionWorks: false.
    }
  }
  return {
    kind: 'signIn',
    completed: batch.completed,
    failed: batch.failed,
    firstError: batch.firstError,
    serverCpuMs: per(serverMs, batch.completed),
    databaseCpuMs: dbMs === null ? null : per(dbMs, batch.completed),
    medianMs: percentile(batch.durationsMs, 50),
    sessionWorks,
  };
}
