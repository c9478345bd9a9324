import type { BenchReport } from './report.js';
import type { PhaseSummary } from './summary.js';

/** One target of issue 10 against this run's figure; `met` is null when the figure is missing. */
export interface TargetResult {
  target: string;
  measured: string;
  met: boolean | null;
}

const MB = 2 ** 20;
/** 90 KB = 90 KiB, as bundle sizes are usually counted. */
const SPA_LIMIT_BYTES = 90 * 1024;
/** "Nothing measurable" for the second batch of sign-ins: RSS moves by a few MB on its own (GC timing). */
const NO_LEAK_BYTES = 5 * MB;

const check = (target: string, value: number | null | undefined, show: (v: number) => string, ok: (v: number) => boolean): TargetResult =>
  value === null || value === undefined ? { target, measured: '–', met: null } : { target, measured: show(value), met: ok(value) };

/** Every target, in the order the issue lists them; reporting only, never an exit code. */
export function evaluateTargets(report: BenchReport): TargetResult[] {
  const phase = (id: PhaseSummary['id']) => report.phases.find((p) => p.id === id);
  const ratio = (id: PhaseSummary['id'], min: number, label: string) =>
    check(
      `${label}: ≥ ${min} × bare Koa`,
      phase(id)?.load?.ratioToKoa,
      (v) => `${v.toFixed(2)} ×`,
      (v) => v >= min,
    );
  const sqliteSignIn = phase('sqlite:signIn')?.signIn?.serverCpuMs;
  const eocSignIn = phase('eoc:signIn')?.signIn?.serverCpuMs;
  const bff = report.servers.find((s) => s.id === 'sqlite');
  const memory = report.memory;
  const rss = memory?.rss;
  const signedMb = (v: number) => `${v >= 0 ? '+' : ''}${(v / MB).toFixed(1)} MB`;
  return [
    ratio('sqlite:me', 0.5, 'GET /auth/me signed in, SQLite'),
    ratio('postgres:me', 0.25, 'GET /auth/me signed in, PostgreSQL'),
    ratio('sqlite:providers', 0.6, 'GET /auth/providers, SQLite'),
    ratio('sqlite:anonymous', 0.6, 'GET /auth/me without cookie (401), SQLite'),
    ratio('postgres:providers', 0.6, 'GET /auth/providers, PostgreSQL'),
    ratio('postgres:anonymous', 0.6, 'GET /auth/me without cookie (401), PostgreSQL'),
    check(
      'BFF CPU per sign-in, SQLite: ≤ 1.2 ms',
      sqliteSignIn,
      (v) => `${v.toFixed(2)} ms`,
      (v) => v <= 1.2,
    ),
    check(
      'BFF CPU per sign-in, SQLite: below express-openid-connect',
      sqliteSignIn !== null && sqliteSignIn !== undefined && eocSignIn !== null && eocSignIn !== undefined
        ? sqliteSignIn / eocSignIn
        : null,
      (v) => `${sqliteSignIn!.toFixed(2)} vs ${eocSignIn!.toFixed(2)} ms (${v.toFixed(2)} ×)`,
      (v) => v < 1,
    ),
    check(
      'Start-up, spawn to first 200 on /healthz: ≤ 300 ms',
      report.startup?.medianMs,
      (v) => `${v.toFixed(0)} ms`,
      (v) => v <= 300,
    ),
    check(
      `RSS after ${(memory?.storedSessions ?? 100_000).toLocaleString('en-US')} stored sessions and ${(memory?.batchSignIns ?? 10_000).toLocaleString('en-US')} sign-ins: ≤ 40 MB over warmed-up`,
      rss ? rss.afterFirstBatch - rss.warmedUp : null,
      (v) => `${(v / MB).toFixed(1)} MB (${(rss!.warmedUp / MB).toFixed(0)} → ${(rss!.afterFirstBatch / MB).toFixed(0)} MB)`,
      (v) => v <= 40 * MB,
    ),
    check(
      'RSS, second equal batch of sign-ins: nothing measurable (≤ 5 MB)',
      rss ? rss.afterSecondBatch - rss.afterFirstBatch : null,
      (v) => `${signedMb(v)} (JavaScript heap ${signedMb(memory!.heapUsed.afterSecondBatch - memory!.heapUsed.afterFirstBatch)})`,
      (v) => v <= NO_LEAK_BYTES,
    ),
    check(
      'Session cookie: one cookie',
      bff?.cookie?.count,
      (v) => `${v} (${bff!.cookie!.names.join(', ')})`,
      (v) => v === 1,
    ),
    check(
      'Session cookie: ≤ 100 bytes of Cookie header',
      bff?.cookie?.bytes,
      (v) => `${v} bytes`,
      (v) => v <= 100,
    ),
    check(
      'SPA: sign-in page JavaScript ≤ 90 KB gzip',
      report.spa.gzipBytes,
      (v) => `${(v / 1024).toFixed(1)} KB`,
      (v) => v <= SPA_LIMIT_BYTES,
    ),
  ];
}
