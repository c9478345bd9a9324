import { describe, expect, it } from 'vitest';
import { safeReturnTo } from '../../src/auth/returnTo.js';

const app = new URL('https://app.example.com');

describe('returnTo', () => {
  it.each([
    ['/profile', '/profile'],
    ['/profile?tab=security#top', '/profile?tab=security#top'],
    ['https://app.example.com/settings', '/settings'],
    ['/a/../b', '/b'],
  ])('keeps a path on our own origin: %s', (input, expected) => {
    expect(safeReturnTo(input, app)).toBe(expected);
  });

  it.each([
    'https://evil.example/profile',
    '//evil.example/profile',
    '/\\evil.example',
    '\\\\evil.example',
    'https:evil.example',
    'javascript:alert(1)',
    'data:text/html,hi',
    'https://app.example.com.evil.example/',
    'http://app.example.com/profile',
    'profile',
    '',
    '/pro\nfile',
    '/%0a',
    ' /profile',
    '/auth/logout',
    '/auth/login/dev',
    'x'.repeat(3000),
  ])('falls back to / for %j', (input) => {
    const result = safeReturnTo(input, app);
    if (input === '/%0a') {
      // Encoded characters stay encoded: harmless as a path.
      expect(result).toBe('/%0a');
    } else {
      expect(result).toBe('/');
    }
  });

  it('ignores non-string values (repeated query parameters arrive as arrays)', () => {
    expect(safeReturnTo(['/a', '/b'], app)).toBe('/');
    expect(safeReturnTo(undefined, app)).toBe('/');
  });
});

describe('returnTo with other frontends (FRONTEND_ORIGINS)', () => {
  const frontends = ['https://admin.example.com'];
  it('accepts a URL on an allowed frontend origin, whole', () => {
    expect(safeReturnTo('https://admin.example.com/dash?x=1#y', app, frontends)).toBe('https://admin.example.com/dash?x=1#y');
  });
  it.each([
    'https://admin.example.com.evil.example/',
    'http://admin.example.com/',
    'https://admin.example.com:8443/',
    '//admin.example.com/x',
    'https://evil.example/',
  ])('refuses %s', (input) => {
    expect(safeReturnTo(input, app, frontends)).toBe('/');
  });
});
