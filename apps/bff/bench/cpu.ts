import { readdirSync, readFileSync } from 'node:fs';

// /proc/<pid>/stat counts CPU time in clock ticks of 1/USER_HZ s (`getconf CLK_TCK`). USER_HZ is part
// of the kernel's user-space ABI and is 100 on x86-64 and arm64, so we assume it rather than ask.
const CLOCK_TICKS_PER_S = 100;

interface ProcStat {
  ppid: number;
  /** utime + stime: CPU spent by the process itself, ms. */
  ownMs: number;
  /** stime: the part of it spent in the kernel on its behalf (system calls, the network stack), ms. */
  systemMs: number;
  /** cutime + cstime: CPU of its children that have exited and been waited for, ms. */
  reapedChildrenMs: number;
}

/** Fields of /proc/<pid>/stat (proc(5)); null when the process is gone. */
function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // Field 2 (comm) is in parentheses and may contain spaces: split after its closing one.
  // What is left starts at field 3 (state): ppid is field 4, utime..cstime are fields 14..17.
  const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
  const field = (n: number) => Number(fields[n - 3]);
  const toMs = (ticks: number) => (ticks * 1000) / CLOCK_TICKS_PER_S;
  return {
    ppid: field(4),
    ownMs: toMs(field(14) + field(15)),
    systemMs: toMs(field(15)),
    reapedChildrenMs: toMs(field(16) + field(17)),
  };
}

/** CPU time (user + system) the process has used so far, ms; resolution 10 ms. */
export function processCpuMs(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`no /proc/${pid}/stat: the process is gone (or this is not Linux)`);
  return stat.ownMs;
}

/** The kernel's part of {@link processCpuMs} (stime), ms; resolution 10 ms. */
export function processSystemCpuMs(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`no /proc/${pid}/stat: the process is gone (or this is not Linux)`);
  return stat.systemMs;
}

/**
 * CPU time of a process and all its children so far, ms: the live ones and those already exited.
 * For a PostgreSQL postmaster that is the whole server: every backend, the WAL writer, the
 * checkpointer and autovacuum are its children.
 */
export function processTreeCpuMs(pid: number): number {
  const root = readStat(pid);
  if (!root) throw new Error(`no /proc/${pid}/stat: the process is gone`);
  let total = root.ownMs + root.reapedChildrenMs;
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const child = readStat(Number(entry));
    if (child?.ppid === pid) total += child.ownMs + child.reapedChildrenMs;
  }
  return total;
}

/** The process's short name (comm), or null when it is not visible here. */
export function processName(pid: number): string | null {
  try {
    return readFileSync(`/proc/${pid}/comm`, 'utf8').trim();
  } catch {
    return null;
  }
}

/** The parent pid, or null when the process is not visible here. */
export function parentPid(pid: number): number | null {
  return readStat(pid)?.ppid ?? null;
}

/** Busy CPU time of the whole machine so far, ms: user + nice + system over every CPU (/proc/stat). */
export function machineBusyMs(): number {
  // The first line sums all CPUs: "cpu user nice system idle iowait irq softirq steal guest guest_nice".
  // irq and softirq are left out: loopback traffic's softirq work is not charged to any process, so
  // counting it would make every load phase look disturbed; steal is time the hypervisor took.
  const fields = readFileSync('/proc/stat', 'utf8').split('\n', 1)[0]!.trim().split(/\s+/).slice(1).map(Number);
  return ((fields[0]! + fields[1]! + fields[2]!) * 1000) / CLOCK_TICKS_PER_S;
}

/** The pids of every descendant of `pid` that is alive now (children, grandchildren, …). */
export function descendantPids(pid: number): number[] {
  const parents = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const stat = readStat(Number(entry));
    if (!stat) continue;
    const siblings = parents.get(stat.ppid) ?? [];
    siblings.push(Number(entry));
    parents.set(stat.ppid, siblings);
  }
  const found: number[] = [];
  const visit = (parent: number) => {
    for (const child of parents.get(parent) ?? []) {
      found.push(child);
      visit(child);
    }
  };
  visit(pid);
  return found;
}

/**
 * CPU time of `pid` itself and of its children that have exited and been waited for, ms, or 0 when
 * it is gone: so a child that ran and exited between two reads (a start-up BFF) still counts.
 */
export function processCpuWithReapedMs(pid: number): number {
  const stat = readStat(pid);
  return stat ? stat.ownMs + stat.reapedChildrenMs : 0;
}
