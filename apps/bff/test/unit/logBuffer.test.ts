import { describe, expect, it } from 'vitest';
import { LogBuffer, type BatchSink } from '../../src/logBuffer.js';

/** Records what reaches the destination, and how (batches, flushes). */
function sink() {
  const calls: string[] = [];
  const target: BatchSink = {
    write: (chunk) => calls.push(`write ${chunk}`),
    flush: (cb) => {
      calls.push('flush');
      cb?.();
    },
    flushSync: () => calls.push('flushSync'),
  };
  return { calls, target };
}

describe('the log buffer in front of stdout', () => {
  it('hands lines on in order, one write per batch of at least minLength characters', () => {
    const { calls, target } = sink();
    const buffer = new LogBuffer(target, 10);
    buffer.write('a1234\n');
    expect(calls).toEqual([]);
    buffer.write('b1234\n');
    buffer.write('c\n');
    expect(calls).toEqual(['write a1234\nb1234\n']);
    buffer.write('d123456789\n');
    expect(calls).toEqual(['write a1234\nb1234\n', 'write c\nd123456789\n']);
  });

  it('writes what is queued on flush (the interval, a stop) and on flushSync (exit), and nothing twice', () => {
    const { calls, target } = sink();
    const buffer = new LogBuffer(target, 4096);
    buffer.write('one\n');
    let flushed = false;
    buffer.flush(() => (flushed = true));
    expect(flushed).toBe(true);
    buffer.write('two\n');
    buffer.flushSync();
    buffer.flush();
    expect(calls).toEqual(['write one\n', 'flush', 'write two\n', 'flushSync', 'flush']);
  });
});
