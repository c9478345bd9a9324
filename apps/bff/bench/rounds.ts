import { undisturbed, type OwnProcesses } from './disturbance.js';
import type { BenchOptions } from './options.js';
import { loadPhase, signInPhase, type Measured, type PhaseFigures } from './phases.js';
import type { Rig } from './rig.js';
import { BFF_ROUTE, EOC_ROUTE } from './signIn.js';

/** The servers a phase can measure. */
export type ServerId = 'koa' | 'sqlite' | 'postgres' | 'eoc';
/** What a phase asks of its server. */
export type PhaseKind = 'me' | 'anonymous' | 'providers' | 'bare' | 'signIn';

export interface PhasePlan {
  id: `${ServerId}:${PhaseKind}`;
  server: ServerId;
  kind: PhaseKind;
  /** For the report: the request, e.g. "GET /auth/me (signed in)". */
  what: string;
  run(size: { loadS: number; signIns: number }): Promise<PhaseFigures>;
}

/** One phase in one round, as kept (the least disturbed of its attempts). */
export interface PhaseRun {
  round: number;
  warmUp: boolean;
  id: PhasePlan['id'];
  attempts: number;
  otherShares: number[];
  disturbed: boolean;
  figures: PhaseFigures;
}

/** Every phase of a round: the same for every round, only the order changes. */
export function phasePlans(rig: Rig, options: BenchOptions): PhasePlan[] {
  const plans: PhasePlan[] = [];
  const load = (server: Measured, url: string, expectStatus: number, headers?: Record<string, string>) => (size: { loadS: number }) =>
    loadPhase(server, { url, expectStatus, durationS: size.loadS, connections: options.connections, headers });
  const koa: Measured = { cpuMs: rig.koa.cpuMs, systemCpuMs: rig.koa.systemCpuMs, databaseCpuMs: null };
  plans.push({
    id: 'koa:bare',
    server: 'koa',
    kind: 'bare',
    what: 'GET / (bare Koa 3, same JSON body)',
    run: load(koa, `${rig.koa.origin}/`, 200),
  });
  for (const server of ['sqlite', 'postgres'] as const) {
    const bff = rig[server];
    if (!bff) continue;
    const measured: Measured = { cpuMs: bff.process.cpuMs, systemCpuMs: bff.process.systemCpuMs, databaseCpuMs: bff.database.serverCpuMs };
    const me = `${bff.origin}/auth/me`;
    plans.push(
      {
        id: `${server}:me`,
        server,
        kind: 'me',
        what: 'GET /auth/me (signed in)',
        run: load(measured, me, 200, { cookie: bff.signedIn.cookie }),
      },
      { id: `${server}:anonymous`, server, kind: 'anonymous', what: 'GET /auth/me (no cookie, 401)', run: load(measured, me, 401) },
      {
        id: `${server}:providers`,
        server,
        kind: 'providers',
        what: 'GET /auth/providers',
        run: load(measured, `${bff.origin}/auth/providers`, 200),
      },
      {
        id: `${server}:signIn`,
        server,
        kind: 'signIn',
        what: 'sign-in (login → OP → callback)',
        run: (size) => signInPhase(measured, bff.origin, BFF_ROUTE, size.signIns),
      },
    );
  }
  const eoc: Measured = { cpuMs: rig.eoc.process.cpuMs, systemCpuMs: rig.eoc.process.systemCpuMs, databaseCpuMs: null };
  plans.push(
    {
      id: 'eoc:me',
      server: 'eoc',
      kind: 'me',
      what: 'GET /me (signed in)',
      run: load(eoc, `${rig.eoc.origin}/me`, 200, { cookie: rig.eoc.signedIn.cookie }),
    },
    {
      id: 'eoc:signIn',
      server: 'eoc',
      kind: 'signIn',
      what: 'sign-in (login → OP → callback)',
      run: (size) => signInPhase(eoc, rig.eoc.origin, EOC_ROUTE, size.signIns),
    },
  );
  return plans;
}

/**
 * A warm-up round, then `options.rounds` measured ones, each running every phase once; each round
 * starts at a different phase (the order rotates) so that no server always follows the same one.
 */
export async function runRounds(
  plans: PhasePlan[],
  options: BenchOptions,
  own: OwnProcesses,
  say: (message: string) => void,
): Promise<PhaseRun[]> {
  const runs: PhaseRun[] = [];
  // Each measured round gets its share of the repeat budget: one bad minute must not use it all up.
  const roundBudgetMs = (options.repeatBudgetS * 1000) / options.rounds;
  const step = Math.max(1, Math.ceil(plans.length / (options.rounds + 1)));
  for (let round = 0; round <= options.rounds; round += 1) {
    const warmUp = round === 0;
    const size = warmUp
      ? { loadS: options.warmupLoadS, signIns: options.warmupSignIns }
      : { loadS: options.loadS, signIns: options.signIns };
    const offset = (round * step) % plans.length;
    const order = [...plans.slice(offset), ...plans.slice(0, offset)];
    const t0 = performance.now();
    let repeats = 0;
    let repeatMs = 0;
    for (const plan of order) {
      const mayRepeat = (phaseRepeatMs: number) => repeatMs + phaseRepeatMs < roundBudgetMs;
      const attempted = await undisturbed(own, warmUp ? 1 : options.maxAttempts, mayRepeat, () => plan.run(size));
      repeats += attempted.attempts - 1;
      repeatMs += attempted.repeatMs;
      runs.push({
        round,
        warmUp,
        id: plan.id,
        attempts: attempted.attempts,
        otherShares: attempted.otherShares,
        disturbed: attempted.disturbance.disturbed,
        figures: attempted.result,
      });
    }
    say(
      `${warmUp ? 'warm-up round' : `round ${round}/${options.rounds}`} done in ${((performance.now() - t0) / 1000).toFixed(0)} s (${repeats} phases repeated)`,
    );
  }
  return runs;
}
