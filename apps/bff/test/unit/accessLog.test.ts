import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { createLoggers } from '../../src/logger.js';

const capture = () => {
  const lines: string[] = [];
  return { lines, destination: { write: (line: string) => void lines.push(line) } };
};
const withoutTime = (line: string) => line.replace(/"time":\d+/, '"time":0');

describe('the access log', () => {
  it('writes exactly the line pino would, escaping what comes from the request', () => {
    const ours = capture();
    const theirs = capture();
    const entry = { requestId: 'lb-7f3a9c21-0001', method: 'GET', path: '/a"b\\c/\u2028ü', status: 404, ms: 12 };
    createLoggers('info', ours.destination).access(entry);
    pino({ level: 'info', base: undefined }, theirs.destination).info(entry, 'request');
    expect(ours.lines.map(withoutTime)).toEqual(theirs.lines.map(withoutTime));
    expect(JSON.parse(ours.lines[0]!)).toMatchObject({ ...entry, level: 30, msg: 'request' });
  });

  it('follows LOG_LEVEL: nothing above info, every line at info or below', () => {
    for (const [level, count] of [
      ['warn', 0],
      ['error', 0],
      ['silent', 0],
      ['info', 1],
      ['debug', 1],
    ] as const) {
      const { lines, destination } = capture();
      createLoggers(level, destination).access({ requestId: 'r-00000001', method: 'GET', path: '/', status: 200, ms: 0 });
      expect(lines, level).toHaveLength(count);
    }
  });
});
