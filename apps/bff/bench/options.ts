/** How long each part of the run lasts, and where PostgreSQL comes from. */
export interface BenchOptions {
  /** BENCH_QUICK=1: every phase cut short, for working on the bench itself (not figures to quote). */
  quick: boolean;
  /** Measured rounds after the warm-up round (each has every phase, in a rotated order). */
  rounds: number;
  /** autocannon duration of one load phase, s; the warm-up round's are shorter. */
  loadS: number;
  warmupLoadS: number;
  /** autocannon connections for every load phase (the same for every server). */
  connections: number;
  /** Sequential sign-ins per sign-in phase. */
  signIns: number;
  warmupSignIns: number;
  /** A disturbed phase runs at most this many times in all. */
  maxAttempts: number;
  /** Seconds all repeats of disturbed phases may take, shared equally by the measured rounds (the run keeps to its budget). */
  repeatBudgetS: number;
  /** Start-ups of the production build timed (the median is reported). */
  startups: number;
  memory: {
    /** Sign-ins (and GET /auth/me load) before the warmed-up RSS is read. */
    warmupSignIns: number;
    warmupLoadS: number;
    /** Sessions written straight into the store. */
    storedSessions: number;
    /** Sign-ins per batch (two batches). */
    batchSignIns: number;
    concurrency: number;
  };
  /** BENCH_DATABASE_URL, else TEST_DATABASE_URL, and which it was; null: a throwaway cluster. */
  postgres: { url: string; variable: 'BENCH_DATABASE_URL' | 'TEST_DATABASE_URL' } | null;
}

/** Reads the bench's environment variables once, at start. */
export function benchOptions(env: Record<string, string | undefined>): BenchOptions {
  const quickValue = env.BENCH_QUICK?.trim() ?? '';
  if (!['', '0', '1'].includes(quickValue)) throw new Error(`BENCH_QUICK must be 1 or 0 (got "${quickValue}")`);
  const quick = quickValue === '1';
  const variable = env.BENCH_DATABASE_URL?.trim() ? 'BENCH_DATABASE_URL' : env.TEST_DATABASE_URL?.trim() ? 'TEST_DATABASE_URL' : null;
  // BENCH_DATABASE_URL wins: a developer may keep TEST_DATABASE_URL for the tests and bench elsewhere.
  const postgres: BenchOptions['postgres'] = variable ? { url: env[variable]!.trim(), variable } : null;
  if (postgres && !/^postgres(ql)?:\/\//.test(postgres.url)) throw new Error(`${variable} must be a postgres:// URL`);
  return {
    quick,
    rounds: 3,
    loadS: quick ? 1 : 5,
    // Long enough for the JIT to settle: V8 compiles in the background for the first thousands of
    // sign-ins (measured: 6.0 ms of CPU per sign-in after 50, 4.3 ms after 3 000), and a server
    // runs far longer than that. Every server gets the same warm-up.
    warmupLoadS: quick ? 1 : 5,
    connections: 10,
    // CPU is read in ticks of 10 ms: 600 sign-ins of about 1.2 ms are 1.4 % per tick, where 200
    // were 4 %, and a phase of 1.5 s rather than 0.5 s evens out more of the machine's swings.
    signIns: quick ? 20 : 600,
    warmupSignIns: quick ? 10 : 2_000,
    maxAttempts: quick ? 2 : 4,
    repeatBudgetS: quick ? 60 : 240,
    startups: quick ? 2 : 5,
    memory: quick
      ? { warmupSignIns: 50, warmupLoadS: 1, storedSessions: 2_000, batchSignIns: 200, concurrency: 8 }
      : { warmupSignIns: 5_000, warmupLoadS: 3, storedSessions: 100_000, batchSignIns: 10_000, concurrency: 8 },
    postgres,
  };
}
