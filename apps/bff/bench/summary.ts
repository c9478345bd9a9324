import type { PhaseKind, PhasePlan, PhaseRun, ServerId } from './rounds.js';
import { median } from './stats.js';

/** One phase over the measured rounds: medians of each figure, and how clean the rounds were. */
export interface PhaseSummary {
  id: PhasePlan['id'];
  server: ServerId;
  kind: PhaseKind;
  what: string;
  rounds: number;
  /** Extra attempts over all rounds because another process was busy. */
  repeats: number;
  /** Rounds whose kept attempt was still disturbed (attempts or budget ran out). */
  disturbedRounds: number;
  /** The rounds the medians are over: the undisturbed ones if there are any, else all. */
  basisRounds: number;
  /** The largest share of one core other processes used in a kept attempt. */
  maxOtherShare: number;
  load: {
    requestsPerSec: number | null;
    p99Ms: number | null;
    /** Median over rounds of this round's req/s ÷ the same round's bare Koa req/s. */
    ratioToKoa: number | null;
    serverCpuUs: number | null;
    kernelCpuUs: number | null;
    databaseCpuUs: number | null;
    benchShare: number | null;
    serverShare: number | null;
    errors: number;
    unexpected: number;
  } | null;
  signIn: {
    serverCpuMs: number | null;
    databaseCpuMs: number | null;
    medianMs: number | null;
    completed: number;
    failed: number;
    firstError: string | null;
    sessionWorks: boolean;
  } | null;
}

const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);

/**
 * Folds the measured rounds (the warm-up left out) into one summary per phase, in plan order. The
 * medians are over the rounds whose phase was undisturbed when there is one, else over all; a ratio
 * to bare Koa is taken per round, preferring rounds where both phases were undisturbed.
 */
export function summarize(plans: PhasePlan[], runs: PhaseRun[]): PhaseSummary[] {
  const measured = runs.filter((run) => !run.warmUp);
  const koaPerRound = new Map<number, { rps: number; clean: boolean }>();
  for (const run of measured) {
    if (run.id === 'koa:bare' && run.figures.kind === 'load')
      koaPerRound.set(run.round, { rps: run.figures.requestsPerSec, clean: !run.disturbed });
  }
  const preferClean = <T extends PhaseRun>(list: T[], clean: (run: T) => boolean) => (list.some(clean) ? list.filter(clean) : list);
  return plans.map((plan) => {
    const all = measured.filter((run) => run.id === plan.id);
    const mine = preferClean(all, (run) => !run.disturbed);
    const ratioRounds = preferClean(all, (run) => !run.disturbed && koaPerRound.get(run.round)?.clean === true);
    const ratios = ratioRounds.map((run) =>
      run.figures.kind === 'load' && koaPerRound.get(run.round) ? run.figures.requestsPerSec / koaPerRound.get(run.round)!.rps : null,
    );
    const loads = mine.flatMap((run) => (run.figures.kind === 'load' ? [{ round: run.round, f: run.figures }] : []));
    const signIns = mine.flatMap((run) => (run.figures.kind === 'signIn' ? [run.figures] : []));
    return {
      id: plan.id,
      server: plan.server,
      kind: plan.kind,
      what: plan.what,
      rounds: all.length,
      repeats: sum(all.map((run) => run.attempts - 1)),
      disturbedRounds: all.filter((run) => run.disturbed).length,
      basisRounds: mine.length,
      maxOtherShare: Math.max(0, ...all.map((run) => Math.min(...run.otherShares))),
      load:
        loads.length === 0
          ? null
          : {
              requestsPerSec: median(loads.map(({ f }) => f.requestsPerSec)),
              p99Ms: median(loads.map(({ f }) => f.p99Ms)),
              ratioToKoa: median(ratios),
              serverCpuUs: median(loads.map(({ f }) => f.serverCpuUs)),
              kernelCpuUs: median(loads.map(({ f }) => f.kernelCpuUs)),
              databaseCpuUs: median(loads.map(({ f }) => f.databaseCpuUs)),
              benchShare: median(loads.map(({ f }) => f.benchShare)),
              serverShare: median(loads.map(({ f }) => f.serverShare)),
              errors: sum(loads.map(({ f }) => f.errors)),
              unexpected: sum(loads.map(({ f }) => f.unexpected)),
            },
      signIn:
        signIns.length === 0
          ? null
          : {
              serverCpuMs: median(signIns.map((f) => f.serverCpuMs)),
              databaseCpuMs: median(signIns.map((f) => f.databaseCpuMs)),
              medianMs: median(signIns.map((f) => f.medianMs)),
              completed: sum(signIns.map((f) => f.completed)),
              failed: sum(signIns.map((f) => f.failed)),
              firstError: signIns.find((f) => f.firstError)?.firstError ?? null,
              sessionWorks: signIns.every((f) => f.sessionWorks),
            },
    };
  });
}
