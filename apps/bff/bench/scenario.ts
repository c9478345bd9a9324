import { randomBytes } from 'node:crypto';
import { freePort, startDevIdp } from '@sso/dev-idp';
import { startBffProcess } from './bffProcess.js';
import type { BenchDatabase } from './database.js';
import { runLoad, type LoadResult } from './load.js';
import type { BenchOptions } from './options.js';
import { percentile, type BackendRun } from './report.js';
import { signIn, signInLoop } from './signIn.js';

const CLIENT_ID = 'bff-bench';

export interface ScenarioContext {
  /** Scratch folder for this run. */
  tmpDir: string;
  /** Registers a cleanup; the caller runs them after the scenario, or on SIGINT. */
  defer(cleanup: () => Promise<void> | void): void;
  progress(message: string): void;
}

/** CPU (ms) of the BFF child and, when measurable, of the database server, used while `work` runs. */
async function cpuAround<T>(bffCpuMs: () => number, serverCpuMs: (() => number) | null, work: () => Promise<T>) {
  const before = { bff: bffCpuMs(), server: serverCpuMs?.() ?? null };
  const result = await work();
  const bff = bffCpuMs() - before.bff;
  const server = serverCpuMs && before.server !== null ? serverCpuMs() - before.server : null;
  return { result, bff, server };
}

const per = (cpuMs: number | null, count: number) => (cpuMs === null || count === 0 ? null : cpuMs / count);

/**
 * The same scenario for every backend: a fresh dev IdP and a fresh BFF child on `database`, one
 * sign-in, HTTP load with autocannon, then sequential sign-ins; CPU, memory and the sessions count
 * around them. Measures only; throws only when the setup fails.
 */
export async function runScenario(database: BenchDatabase, options: BenchOptions, context: ScenarioContext): Promise<BackendRun> {
  const started = performance.now();
  const { progress } = context;
  const clientSecret = randomBytes(24).toString('base64url');
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  // A fresh IdP per backend: it keeps its sessions and grants in memory, so a shared one would make
  // the second backend's sign-ins run against a fuller IdP.
  const idp = await startDevIdp({
    port: 0,
    host: '127.0.0.1',
    logger: () => undefined,
    clients: [{ clientId: CLIENT_ID, clientSecret, redirectUris: [`${origin}/auth/callback/oidc`] }],
  });
  context.defer(() => idp.close());

  const bff = await startBffProcess({
    port,
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret,
    sessionSecret: randomBytes(36).toString('base64'), // 48 characters
    databaseUrl: database.url,
    tmpDir: context.tmpDir,
  });
  context.defer(() => bff.stop());
  const rssAtStart = bff.rssBytes();
  progress(`BFF pid ${bff.pid} at ${bff.origin} answers /healthz; dev IdP at ${idp.issuer}`);

  const cookie = await signIn(bff.origin);
  const loadS = options.warmupS + options.meS + 2 * options.otherLoadS;
  progress(`signed in once as alice; HTTP load (about ${loadS} s)…`);

  const load: LoadResult[] = [];
  const meUrl = `${bff.origin}/auth/me`;
  await runLoad({ label: 'warm-up', url: meUrl, expectStatus: 200, durationS: options.warmupS, headers: { cookie } });
  const me = await cpuAround(bff.cpuMs, database.serverCpuMs, () =>
    runLoad({ label: 'GET /auth/me (session cookie)', url: meUrl, expectStatus: 200, durationS: options.meS, headers: { cookie } }),
  );
  load.push(me.result);
  const rssAfterMeLoad = bff.rssBytes();
  load.push(await runLoad({ label: 'GET /auth/me (no cookie)', url: meUrl, expectStatus: 401, durationS: options.otherLoadS }));
  load.push(await runLoad({ label: 'GET /auth/providers', url: `${bff.origin}/auth/providers`, expectStatus: 200, durationS: options.otherLoadS }));
  progress(`HTTP load done; signing in repeatedly (up to ${options.signInMaxCount} or ${options.signInMaxS} s)…`);

  const signIns = await cpuAround(bff.cpuMs, database.serverCpuMs, () => signInLoop(bff.origin, options.signInMaxCount, options.signInMaxS * 1000));
  const loop = signIns.result;
  const rssAfterSignIns = bff.rssBytes();
  const sessions = await database.countSessions();

  return {
    backend: database.backend,
    database: database.description,
    bff: { pid: bff.pid, nodeEnv: 'production', logLevel: 'warn', servesSpa: bff.servesSpa, logLines: bff.logLineCount(), logTail: bff.logTail() },
    load,
    signIns: {
      completed: loop.completed,
      failed: loop.failed,
      firstError: loop.firstError,
      elapsedS: loop.elapsedMs / 1000,
      perSec: loop.completed / (loop.elapsedMs / 1000),
      medianMs: percentile(loop.durationsMs, 50),
      p95Ms: percentile(loop.durationsMs, 95),
      limits: { maxCount: options.signInMaxCount, maxS: options.signInMaxS },
      note: "includes the dev IdP's own work, which runs in-process in the bench process, and the bench's HTTP client",
    },
    cpu: {
      meLoad: { bffMs: me.bff, serverMs: me.server, requests: me.result.requests },
      signIns: { bffMs: signIns.bff, serverMs: signIns.server, count: loop.completed },
      bffPerMeRequestMs: per(me.bff, me.result.requests),
      bffPerSignInMs: per(signIns.bff, loop.completed),
      serverPerMeRequestMs: per(me.server, me.result.requests),
      serverPerSignInMs: per(signIns.server, loop.completed),
      serverNote: database.serverCpuNote,
    },
    memory: { atStart: rssAtStart, afterMeLoad: rssAfterMeLoad, afterSignIns: rssAfterSignIns },
    sessions: { count: sessions, expected: 1 + loop.completed },
    elapsedS: (performance.now() - started) / 1000,
  };
}
