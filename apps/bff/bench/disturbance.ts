import { descendantPids, machineBusyMs, processCpuWithReapedMs, processTreeCpuMs } from './cpu.js';

/** A phase is disturbed when processes not ours used more than this share of one core during it. */
export const DISTURBED_SHARE = 0.05;
const REPEAT_PAUSE_MS = 1_000;

/** Our own processes: the bench (with everything it spawned) and, when running, the PostgreSQL server. */
export interface OwnProcesses {
  /** The postmaster of the throwaway cluster (it is not our child: pg_ctl daemonises it). */
  postmasterPid: number | null;
}

/** CPU (ms) of every process of ours, so that the rest of the machine's busy time is someone else's. */
function ownCpuMs(own: OwnProcesses): number {
  let total = processCpuWithReapedMs(process.pid);
  for (const pid of descendantPids(process.pid)) total += processCpuWithReapedMs(pid);
  if (own.postmasterPid !== null) {
    try {
      total += processTreeCpuMs(own.postmasterPid);
    } catch {
      // The cluster is already gone.
    }
  }
  return total;
}

export interface Disturbance {
  /** Busy CPU of other processes during the phase, as a share of one core (0.05 = 5 %). */
  otherShare: number;
  disturbed: boolean;
}

/** Reads the machine's and our own CPU; `end()` says how much the rest of the machine used since. */
export function watchDisturbance(own: OwnProcesses): { end(): Disturbance } {
  const busy0 = machineBusyMs();
  const own0 = ownCpuMs(own);
  const t0 = performance.now();
  return {
    end() {
      const wallMs = performance.now() - t0;
      const other = machineBusyMs() - busy0 - (ownCpuMs(own) - own0);
      // Both sides are counted in 10 ms ticks and sampled at slightly different moments: clamp at 0.
      const otherShare = Math.max(0, other) / Math.max(wallMs, 1);
      return { otherShare, disturbed: otherShare > DISTURBED_SHARE };
    },
  };
}

export interface Attempted<T> {
  result: T;
  disturbance: Disturbance;
  /** How many times the phase ran (1: not repeated). */
  attempts: number;
  /** Other processes' share of one core in every attempt, in order. */
  otherShares: number[];
}

/**
 * Runs a phase, and again while it was disturbed (up to `maxAttempts` in all, and only while
 * `mayRepeat(ms spent on this phase's repeats so far)` allows, so the bench keeps to its time
 * budget); keeps the least disturbed run.
 */
export async function undisturbed<T>(
  own: OwnProcesses,
  maxAttempts: number,
  mayRepeat: (repeatMs: number) => boolean,
  phase: () => Promise<T>,
): Promise<Attempted<T> & { repeatMs: number }> {
  let best: { result: T; disturbance: Disturbance } | null = null;
  const otherShares: number[] = [];
  let firstEnded = 0;
  for (let attempt = 1; ; attempt += 1) {
    const watch = watchDisturbance(own);
    const result = await phase();
    const disturbance = watch.end();
    if (attempt === 1) firstEnded = performance.now();
    const repeatMs = performance.now() - firstEnded;
    otherShares.push(disturbance.otherShare);
    if (!best || disturbance.otherShare < best.disturbance.otherShare) best = { result, disturbance };
    if (!disturbance.disturbed || attempt >= maxAttempts || !mayRepeat(repeatMs))
      return { ...best, attempts: attempt, otherShares, repeatMs };
    // A short burst elsewhere (a test file starting, a compile) is often over after a moment.
    await new Promise((resolve) => setTimeout(resolve, REPEAT_PAUSE_MS));
  }
}
