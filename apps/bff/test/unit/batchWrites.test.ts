import { afterEach, describe, expect, it, vi } from 'vitest';
import { turnGate } from '../../src/middleware/batchWrites.js';

describe('answers written at the end of the event loop turn', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('lets everyone who waits in one turn go together, after the I/O of the turn, with one setImmediate', async () => {
    const endOfTurn = turnGate();
    const scheduled = vi.spyOn(globalThis, 'setImmediate');
    const order: string[] = [];
    const waits = ['a', 'b', 'c'].map((name) => endOfTurn().then(() => order.push(name)));
    // Microtasks alone do not open the gate: the turn has not ended yet.
    await Promise.resolve();
    await Promise.resolve();
    expect(order).toEqual([]);
    await Promise.all(waits);
    expect(order).toEqual(['a', 'b', 'c']);
    expect(scheduled).toHaveBeenCalledTimes(1);
  });

  it('starts afresh each turn: a wait in the next turn is released in that turn', async () => {
    const endOfTurn = turnGate();
    const scheduled = vi.spyOn(globalThis, 'setImmediate');
    await endOfTurn();
    await endOfTurn();
    expect(scheduled).toHaveBeenCalledTimes(2);
  });
});
