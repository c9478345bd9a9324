import type { Logger } from './logger.js';

export interface LogThrottleOptions {
  /** How long one full line stands for the repeats after it, ms. */
  intervalMs: number;
  /** The clock, epoch ms (the app's, so tests can move it). */
  now: () => number;
}

interface Window {
  startedAt: number;
  repeats: number;
  /** What the summary line says besides the count (e.g. the code). */
  summary: Record<string, unknown>;
  msg: string;
}

/**
 * Warn lines that a flood would repeat once per request: the first of each kind is logged in full,
 * the repeats within the interval after it are counted, and one summary line says how many there
 * were. So a flood of refusals costs at most two lines per kind and interval, never one per request.
 */
export class LogThrottle {
  private readonly windows = new Map<string, Window>();
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly options: LogThrottleOptions,
  ) {}

  /** Logs `entry` at warn unless a line of this `key` was logged within the interval; then counts it. */
  warn(key: string, entry: Record<string, unknown>, msg: string, summary: Record<string, unknown> = {}): void {
    this.flush();
    const open = this.windows.get(key);
    if (open) {
      open.repeats += 1;
      this.schedule();
      return;
    }
    this.windows.set(key, { startedAt: this.options.now(), repeats: 0, summary, msg });
    this.logger.warn(entry, msg);
  }

  /** Ends the windows whose interval has passed, with a summary line for each that had repeats. */
  flush(): void {
    const now = this.options.now();
    for (const [key, window] of this.windows) {
      if (now - window.startedAt < this.options.intervalMs) continue;
      this.windows.delete(key);
      if (window.repeats > 0) {
        this.logger.warn(
          { ...window.summary, repeats: window.repeats, seconds: Math.round((now - window.startedAt) / 1000) },
          `${window.msg} (repeats)`,
        );
      }
    }
  }

  /**
   * The summary of a flood that stopped still comes, at the end of its interval: a timer runs
   * only while repeats wait to be reported, and never keeps the process alive.
   */
  private schedule(): void {
    if (this.timer) return;
    const oldest = Math.min(...[...this.windows.values()].map((w) => w.startedAt));
    const delay = Math.max(oldest + this.options.intervalMs - this.options.now(), 0) + 10;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.flush();
      if ([...this.windows.values()].some((w) => w.repeats > 0)) this.schedule();
    }, delay);
    this.timer.unref();
  }
}
