import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.js';
import { LogThrottle } from '../../src/logThrottle.js';

function capture() {
  const lines: Record<string, unknown>[] = [];
  const logger = createLogger('info', { write: (line: string) => lines.push(JSON.parse(line) as Record<string, unknown>) });
  return { lines, logger };
}

describe('a throttled warn line', () => {
  it('logs the first of each kind in full, counts the repeats within the interval, and summarizes them once', () => {
    const { lines, logger } = capture();
    const clock = { now: 1_000_000 };
    const log = new LogThrottle(logger, { intervalMs: 60_000, now: () => clock.now });
    for (let i = 0; i < 1000; i += 1)
      log.warn('invalid_state', { code: 'invalid_state', n: i }, 'request refused', { code: 'invalid_state' });
    log.warn('csrf_failed', { code: 'csrf_failed' }, 'request refused', { code: 'csrf_failed' });
    expect(lines.map((l) => [l.msg, l.code, l.n])).toEqual([
      ['request refused', 'invalid_state', 0],
      ['request refused', 'csrf_failed', undefined],
    ]);
    clock.now += 60_000;
    log.warn('invalid_state', { code: 'invalid_state', n: 1000 }, 'request refused', { code: 'invalid_state' });
    expect(lines.slice(2)).toEqual([
      expect.objectContaining({ level: 40, msg: 'request refused (repeats)', code: 'invalid_state', repeats: 999, seconds: 60 }),
      expect.objectContaining({ msg: 'request refused', code: 'invalid_state', n: 1000 }),
    ]);
  });

  it('a flood that stops still gets its summary, by a timer that does not keep the process alive', async () => {
    const { lines, logger } = capture();
    const log = new LogThrottle(logger, { intervalMs: 50, now: Date.now });
    log.warn('k', { first: true }, 'refused', { kind: 'k' });
    log.warn('k', {}, 'refused', { kind: 'k' });
    log.warn('k', {}, 'refused', { kind: 'k' });
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(lines.map((l) => [l.msg, l.repeats])).toEqual([
      ['refused', undefined],
      ['refused (repeats)', 2],
    ]);
  });
});
