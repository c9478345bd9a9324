import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/index.js';
import { accessTokenExpiresAt, DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS } from '../../src/providers/tokenLifetime.js';
import { configProblems } from '../support/config.js';

const OIDC = { OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' };
const limitOf = (env: Record<string, string>) => loadConfig({ ...OIDC, ...env }).providers.find((p) => p.id === 'oidc')?.maxResponseBytes;

describe('PROVIDER_RESPONSE_LIMIT', () => {
  it('defaults to 1 MiB on every provider, and takes bytes or a kb / mb suffix', () => {
    expect(limitOf({})).toBe(1024 * 1024);
    expect(limitOf({ PROVIDER_RESPONSE_LIMIT: '65536' })).toBe(65536);
    expect(limitOf({ PROVIDER_RESPONSE_LIMIT: '256kb' })).toBe(256 * 1024);
    expect(limitOf({ PROVIDER_RESPONSE_LIMIT: '2MB' })).toBe(2 * 1024 * 1024);
  });

  it.each(['lots', '-1', '1kb', '100mb', '1.5mb'])('refuses %s at start-up, naming the variable', (value) => {
    expect(configProblems({ ...OIDC, PROVIDER_RESPONSE_LIMIT: value })).toMatch(
      /PROVIDER_RESPONSE_LIMIT must be a number of bytes from 16kb to 64mb/,
    );
  });
});

describe('an access token without expires_in', () => {
  const now = 1_000_000;
  it('gets the default lifetime of one hour', () => {
    expect(DEFAULT_ACCESS_TOKEN_LIFETIME_SECONDS).toBe(3600);
    expect(accessTokenExpiresAt(undefined, now)).toBe(now + 3_600_000);
  });

  it('a nonsense expires_in counts as none; a real one, 0 included, is kept', () => {
    expect(accessTokenExpiresAt(Number.NaN, now)).toBe(now + 3_600_000);
    expect(accessTokenExpiresAt(-5, now)).toBe(now + 3_600_000);
    expect(accessTokenExpiresAt(Number.POSITIVE_INFINITY, now)).toBe(now + 3_600_000);
    expect(accessTokenExpiresAt(60, now)).toBe(now + 60_000);
    expect(accessTokenExpiresAt(0, now)).toBe(now);
  });
});
