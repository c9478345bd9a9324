import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { startBffProcess } from './bffProcess.js';
import { collectGarbage } from './inspector.js';
import { runLoad } from './load.js';
import type { BenchOp } from './op.js';
import type { BenchOptions } from './options.js';
import type { Pinning } from './pinning.js';
import { freePort } from './ports.js';
import { seedSqliteSessions } from './seedSessions.js';
import { countSqliteSessions } from './sessions.js';
import { BFF_ROUTE, readMe, signIn, signInBatch } from './signIn.js';

/** A figure at each step of the measurement, bytes. */
export interface MemorySteps {
  started: number;
  warmedUp: number;
  afterStored: number;
  afterFirstBatch: number;
  afterSecondBatch: number;
}

export interface MemoryFigures {
  /** VmRSS of the BFF after a full garbage collection, at each step: what the targets judge. */
  rss: MemorySteps;
  /** VmRSS just before that collection, as a process that is not asked to collect would show. */
  rssBeforeCollection: MemorySteps;
  /** The JavaScript heap the collection kept: a leak of JavaScript objects grows this. */
  heapUsed: MemorySteps;
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
 * sign-ins. Its own process and file, so the rounds' figures are not affected. Each reading comes
 * after a full collection, asked for through the inspector (bench/inspector.ts): before one, RSS
 * is wherever V8's collector happened to be, and moved by ±18 MB between equal batches.
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
  const inspectPort = await freePort();
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
    // The inspector on loopback, for the collections before each reading (this process only).
    nodeArgs: [`--inspect=127.0.0.1:${inspectPort}`],
  });
  const readings: { rss: number; rssBeforeCollection: number; heapUsed: number }[] = [];
  /** RSS before and after a full collection, and the heap it kept. */
  const read = async () => {
    const rssBeforeCollection = bff.rssBytes();
    const { heapUsedBytes } = await collectGarbage(inspectPort);
    readings.push({ rss: bff.rssBytes(), rssBeforeCollection, heapUsed: heapUsedBytes });
  };
  const steps = (figure: 'rss' | 'rssBeforeCollection' | 'heapUsed'): MemorySteps => {
    const [started, warmedUp, afterStored, afterFirstBatch, afterSecondBatch] = readings.map((r) => r[figure]) as [
      number,
      number,
      number,
      number,
      number,
    ];
    return { started, warmedUp, afterStored, afterFirstBatch, afterSecondBatch };
  };
  try {
    await read();
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
    await read();
    say(`memory: warmed up at ${(readings[1]!.rss / 2 ** 20).toFixed(1)} MB; storing ${m.storedSessions} sessions…`);

    await seedSqliteSessions(file, m.storedSessions);
    await readMe(bff.origin, BFF_ROUTE, first); // the BFF still serves its sessions beside the stored ones
    // Read apart from the sign-ins that follow, so that a growth can be told to come from either.
    await read();
    say(`memory: ${m.batchSignIns} sign-ins, ${m.concurrency} at a time…`);
    await batch(m.batchSignIns);
    await read();
    say(`memory: ${(readings[3]!.rss / 2 ** 20).toFixed(1)} MB; a second batch of ${m.batchSignIns} sign-ins…`);
    await batch(m.batchSignIns);
    await read();
    return {
      rss: steps('rss'),
      rssBeforeCollection: steps('rssBeforeCollection'),
      heapUsed: steps('heapUsed'),
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
