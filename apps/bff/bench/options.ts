/** How long each phase of one backend's run lasts, and where PostgreSQL comes from. */
export interface BenchOptions {
  /** BENCH_QUICK=1: every phase shortened to a second or two, for working on the bench itself. */
  quick: boolean;
  warmupS: number;
  /** GET /auth/me with a session cookie: the headline figure, so the longest phase. */
  meS: number;
  /** GET /auth/me without a cookie (401) and GET /auth/providers. */
  otherLoadS: number;
  signInMaxCount: number;
  signInMaxS: number;
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
    warmupS: quick ? 1 : 2,
    meS: quick ? 2 : 10,
    otherLoadS: quick ? 1 : 5,
    signInMaxCount: quick ? 30 : 200,
    signInMaxS: quick ? 2 : 10,
    postgres,
  };
}
