import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelayMs } from '../src/index.js';

const NOW = Date.parse('2025-03-04T10:00:00.000Z');

describe('parseRetryAfter()', () => {
  it('reads delta-seconds as they are', () => {
    expect(parseRetryAfter('1', NOW)).toBe(1);
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(' 5 ', NOW)).toBe(5);
    expect(parseRetryAfter('0', NOW)).toBe(0);
  });

  it('reads an HTTP date (IMF-fixdate) as the seconds until then, rounded up', () => {
    expect(parseRetryAfter('Tue, 04 Mar 2025 10:00:30 GMT', NOW)).toBe(30);
    expect(parseRetryAfter('Tue, 04 Mar 2025 10:00:30 GMT', NOW + 500)).toBe(30);
  });

  it('reads the obsolete RFC 850 and asctime forms of an HTTP date', () => {
    expect(parseRetryAfter('Tuesday, 04-Mar-25 10:01:00 GMT', NOW)).toBe(60);
    // asctime has no zone; RFC 9110 §5.6.7 says it is UTC, whatever the browser's time zone.
    expect(parseRetryAfter('Tue Mar  4 10:00:10 2025', NOW)).toBe(10);
  });

  it('a date already past means "now": 0', () => {
    expect(parseRetryAfter('Mon, 03 Mar 2025 10:00:00 GMT', NOW)).toBe(0);
  });

  it('is undefined when the header is absent, empty or unreadable', () => {
    expect(parseRetryAfter(null, NOW)).toBeUndefined();
    expect(parseRetryAfter(undefined, NOW)).toBeUndefined();
    expect(parseRetryAfter('', NOW)).toBeUndefined();
    expect(parseRetryAfter('soon', NOW)).toBeUndefined();
    expect(parseRetryAfter('-1', NOW)).toBeUndefined();
    expect(parseRetryAfter('1.5', NOW)).toBeUndefined();
    expect(parseRetryAfter('2025-03-04T10:00:30Z', NOW)).toBeUndefined();
    expect(parseRetryAfter('Tue, 99 Foo 2025 25:00:00 GMT', NOW)).toBeUndefined();
  });
});

describe('retryDelayMs()', () => {
  it('waits what the server asked the first time', () => {
    expect(retryDelayMs(1, 0)).toBe(1000);
    expect(retryDelayMs(5, 0)).toBe(5000);
  });

  it('doubles with each attempt that failed again, up to 30 seconds', () => {
    expect([0, 1, 2, 3, 4, 5, 6].map((attempt) => retryDelayMs(1, attempt))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(retryDelayMs(1, 1000)).toBe(30000);
  });

  it('never waits less than 1 second (a Retry-After of 0) nor more than 30 (a long one)', () => {
    expect(retryDelayMs(0, 0)).toBe(1000);
    expect(retryDelayMs(3600, 0)).toBe(30000);
  });

  it('waits 5 seconds, the BFF’s own default, when the server did not say', () => {
    expect(retryDelayMs(undefined, 0)).toBe(5000);
    expect(retryDelayMs(undefined, 1)).toBe(10000);
  });
});
