import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config/index.js';
import { parseRateLimit } from '../../src/config/rateLimits.js';

const base = { NODE_ENV: 'test', DEV_IDP: 'off' };
const problemsOf = (env: Record<string, string>) => {
  try {
    loadConfig({ ...base, ...env });
    return [];
  } catch (err) {
    return (err as ConfigError).problems;
  }
};

describe('rate-limit configuration', () => {
  it('defaults: 120 login starts and 120 callbacks per address and minute, 600 back-channel logouts', () => {
    expect(loadConfig(base).rateLimits).toEqual({
      login: { max: 120, windowMs: 60_000 },
      callback: { max: 120, windowMs: 60_000 },
      backchannel: { max: 600, windowMs: 60_000 },
    });
  });

  it('reads N/window with s, m or h, a bare N per minute, and off per route or for all', () => {
    expect(parseRateLimit('30/10s')).toEqual({ max: 30, windowMs: 10_000 });
    expect(parseRateLimit('1000/1h')).toEqual({ max: 1000, windowMs: 3_600_000 });
    expect(parseRateLimit('5/m')).toEqual({ max: 5, windowMs: 60_000 });
    expect(parseRateLimit('60')).toEqual({ max: 60, windowMs: 60_000 });
    const some = loadConfig({ ...base, RATE_LIMIT_LOGIN: ' 10/30S ', RATE_LIMIT_CALLBACK: 'off' }).rateLimits;
    expect(some).toMatchObject({ login: { max: 10, windowMs: 30_000 }, callback: null, backchannel: { max: 600 } });
    expect(loadConfig({ ...base, RATE_LIMIT: 'off', RATE_LIMIT_LOGIN: '10/1m' }).rateLimits).toEqual({
      login: null,
      callback: null,
      backchannel: null,
    });
  });

  it('a malformed value stops start-up naming the variable', () => {
    for (const bad of ['ten', '0/1m', '10/0s', '10/25h', '10/1d', '-5', '10/']) {
      expect(problemsOf({ RATE_LIMIT_CALLBACK: bad }), bad).toEqual([
        expect.stringMatching(/^RATE_LIMIT_CALLBACK must look like 120\/1m .* \(got "/),
      ]);
    }
    expect(problemsOf({ RATE_LIMIT: 'maybe' })).toEqual(['RATE_LIMIT must be on or off (got "maybe")']);
  });
});
