/**
 * `pnpm bench`: measures the BFF's speed and memory and prints a small report (also written to
 * test-results/bench.json). It only measures, never asserts: exit 1 means the setup failed.
 *
 * The dev IdP runs in this process; the BFF runs as a child process (src/main.ts, NODE_ENV=production)
 * so that the load generator does not share its event loop. All traffic stays on 127.0.0.1.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { freePort, startDevIdp } from '@sso/dev-idp';
import { startBffProcess, type BffProcess } from './bffProcess.js';
import { runLoad, type LoadResult } from './load.js';
import { formatReport, percentile, writeReportJson, type BenchReport } from './report.js';
import { countSessions } from './sessions.js';
import { signIn, signInLoop } from './signIn.js';

const REPORT_FILE = fileURLToPath(new URL('../../../test-results/bench.json', import.meta.url));
const CLIENT_ID = 'bff-bench';
const WARMUP_S = 2;
const SIGN_IN_MAX_COUNT = 200;
const SIGN_IN_MAX_S = 10;

const progress = (message: string) => console.log(`bench: ${message}`);
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

async function main(): Promise<BenchReport> {
  const started = performance.now();
  const tmpDir = mkdtempSync(join(tmpdir(), 'sso-bench-'));
  cleanups.push(() => rmSync(tmpDir, { recursive: true, force: true }));
  const dbFile = join(tmpDir, 'bench.sqlite');
  const clientSecret = randomBytes(24).toString('base64url');

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const idp = await startDevIdp({
    port: 0,
    host: '127.0.0.1',
    logger: () => undefined,
    clients: [{ clientId: CLIENT_ID, clientSecret, redirectUris: [`${origin}/auth/callback/oidc`] }],
  });
  cleanups.push(() => idp.close());
  progress(`dev IdP at ${idp.issuer}`);

  const bff: BffProcess = await startBffProcess({
    port,
    issuer: idp.issuer,
    clientId: CLIENT_ID,
    clientSecret,
    sessionSecret: randomBytes(36).toString('base64'), // 48 characters
    dbFile,
    tmpDir,
  });
  cleanups.push(() => bff.stop());
  const rssAtStart = bff.rssBytes();
  progress(`BFF pid ${bff.pid} at ${bff.origin} answers /healthz`);

  const cookie = await signIn(bff.origin);
  progress('signed in once as alice; measuring (about 35 s)…');

  const load: LoadResult[] = [];
  const meUrl = `${bff.origin}/auth/me`;
  await runLoad({ label: 'warm-up', url: meUrl, expectStatus: 200, durationS: WARMUP_S, headers: { cookie } });
  load.push(await runLoad({ label: 'GET /auth/me (session cookie)', url: meUrl, expectStatus: 200, durationS: 10, headers: { cookie } }));
  const rssAfterMeLoad = bff.rssBytes();
  load.push(await runLoad({ label: 'GET /auth/me (no cookie)', url: meUrl, expectStatus: 401, durationS: 5 }));
  load.push(await runLoad({ label: 'GET /auth/providers', url: `${bff.origin}/auth/providers`, expectStatus: 200, durationS: 5 }));
  progress('HTTP load done; signing in repeatedly…');

  const loop = await signInLoop(bff.origin, SIGN_IN_MAX_COUNT, SIGN_IN_MAX_S * 1000);
  const rssAfterSignIns = bff.rssBytes();
  const sessions = countSessions(dbFile);

  return {
    startedAt: new Date(Date.now() - (performance.now() - started)).toISOString(),
    environment: { node: process.version, cpus: availableParallelism(), platform: `${process.platform}/${process.arch}` },
    bff: { pid: bff.pid, nodeEnv: 'production', logLevel: 'warn', servesSpa: bff.servesSpa, warmupS: WARMUP_S, logLines: bff.logLineCount(), logTail: bff.logTail() },
    load,
    signIns: {
      completed: loop.completed,
      failed: loop.failed,
      firstError: loop.firstError,
      elapsedS: loop.elapsedMs / 1000,
      perSec: loop.completed / (loop.elapsedMs / 1000),
      medianMs: percentile(loop.durationsMs, 50),
      p95Ms: percentile(loop.durationsMs, 95),
      limits: { maxCount: SIGN_IN_MAX_COUNT, maxS: SIGN_IN_MAX_S },
      note: "includes the dev IdP's own work, which runs in-process in the bench process, and the bench's HTTP client",
    },
    memory: { atStart: rssAtStart, afterMeLoad: rssAfterMeLoad, afterSignIns: rssAfterSignIns },
    sessions: { count: sessions, expected: 1 + loop.completed },
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
  const report = await main();
  await cleanUp();
  console.log(formatReport(report));
  writeReportJson(report, REPORT_FILE);
  const unexpected = report.load.filter((r) => r.errors > 0 || r.unexpectedStatus > 0);
  for (const r of unexpected) console.log(`NOTE: ${r.label}: ${r.errors} errors, ${r.unexpectedStatus} unexpected answers (${JSON.stringify(r.statusCounts)})`);
  if (report.signIns.failed > 0) console.log(`NOTE: ${report.signIns.failed} sign-ins failed`);
  console.log(`JSON: ${REPORT_FILE}`);
} catch (err) {
  await cleanUp();
  console.error(`bench: failed: ${(err as Error).message}`);
  process.exitCode = 1;
}
