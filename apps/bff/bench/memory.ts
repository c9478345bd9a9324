import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBffProcess } from './bffProcess.js';
import { runLoad } from './load.js';
import type { BenchOp } from './op.js';
import type { BenchOptions } from './options.js';
import type { Pinning } from './pinning.js';
import { seedSqliteSessions } from './seedSessions.js';
import { countSqliteSessions } from './sessions.js';
import { BFF_ROUTE, readMe, signIn, signInBatch } from './signIn.js';

export interface MemoryFigures {
  /** VmRSS of the BFF, bytes, at each step. */
  rss: { started: number; warmedUp: number; afterStored: number; afterFirstBatch: number; afterSecondBatch: number };
  storedSessions: number;
  batchSignIns: number;
  concurrency: number;
  /** Sign-ins that failed across both batches (the first error, if any). */
  failed: number;
  firstError: string | null;
  /** Rows in `sessions` at the end. */
  sessionRows: number;
  elapsedS: number;
}

/**
 * RSS of one BFF on SQLite: warmed up (sign-ins and GET /auth/me load), then after `storedSessions`
 * sessions written into its database and a batch of sign-ins, then after a second equal batch of
 * sign-ins. Its own process and file, so the rounds' figures are not affected.
 */
export async function measureMemory(
  options: BenchOptions,
  op: BenchOp,
  port: number,
  pinning: Pinning,
  tmpDir: string,
  say: (message: string) => void,
): Promise<MemoryFigures> {
  const t0 = performance.now();
  const m = options.memory;
  const dir = join(tmpDir, 'memory');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench.sqlite');
  const bff = await startBffProcess({
    name: 'BFF (memory)',
    port,
    issuer: op.idp.issuer,
    clientId: op.clientId,
    clientSecret: op.clientSecret,
    sessionSecret: randomBytes(36).toString('base64'),
    databaseUrl: `sqlite:${file}`,
    tmpDir: dir,
    pinning,
  });
  try {
    const started = bff.rssBytes();
    const first = await signIn(bff.origin, BFF_ROUTE);
    let failed = 0;
    let firstError: string | null = null;
    const batch = async (count: number) => {
      const result = await signInBatch(bff.origin, BFF_ROUTE, count, m.concurrency);
      failed += result.failed;
      firstError ??= result.firstError;
    };
    await batch(m.warmupSignIns);
    await runLoad({
      label: 'memory warm-up',
      url: `${bff.origin}/auth/me`,
      expectStatus: 200,
      durationS: m.warmupLoadS,
      headers: { cookie: first.cookie },
    });
    const warmedUp = bff.rssBytes();
    say(`memory: warmed up at ${(warmedUp / 2 ** 20).toFixed(1)} MB; storing ${m.storedSessions} sessions…`);

    await seedSqliteSessions(file, m.storedSessions);
    await readMe(bff.origin, BFF_ROUTE, first); // the BFF still serves its sessions beside the stored ones
    // Read apart from the sign-ins that follow, so that a growth can be told to come from either.
    const afterStored = bff.rssBytes();
    say(`memory: ${m.batchSignIns} sign-ins, ${m.concurrency} at a time…`);
    await batch(m.batchSignIns);
    const afterFirstBatch = bff.rssBytes();
    say(`memory: ${(afterFirstBatch / 2 ** 20).toFixed(1)} MB; a second batch of ${m.batchSignIns} sign-ins…`);
    await batch(m.batchSignIns);
    const afterSecondBatch = bff.rssBytes();
    return {
      rss: { started, warmedUp, afterStored, afterFirstBatch, afterSecondBatch },
      storedSessions: m.storedSessions,
      batchSignIns: m.batchSignIns,
      concurrency: m.concurrency,
      failed,
      firstError,
      sessionRows: countSqliteSessions(file),
      elapsedS: (performance.now() - t0) / 1000,
    };
  } finally {
    await bff.stop();
  }
}
