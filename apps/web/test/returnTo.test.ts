import { describe, expect, it } from 'vitest';
import { DEFAULT_RETURN_TO, isSafeLocalPath, safeReturnTo } from '../src/returnTo.js';

describe('safeReturnTo', () => {
  it('keeps a local path', () => {
    expect(safeReturnTo('/profile')).toBe('/profile');
  });

  it('keeps a local path with a query and a fragment', () => {
    expect(safeReturnTo('/profile?tab=security#top')).toBe('/profile?tab=security#top');
  });

  it('falls back to /profile when nothing was asked for', () => {
    expect(DEFAULT_RETURN_TO).toBe('/profile');
    expect(safeReturnTo(null)).toBe('/profile');
    expect(safeReturnTo(undefined)).toBe('/profile');
    expect(safeReturnTo('')).toBe('/profile');
  });

  it.each([
    ['a protocol-relative URL', '//evil.com'],
    ['a protocol-relative URL with a path', '//evil.com/profile'],
    ['a backslash that browsers read as a slash', '/\\evil.com'],
    ['a backslash later in the path', '/profile\\..\\'],
    ['an absolute https URL', 'https://evil.com'],
    ['a javascript: URL', 'javascript:alert(1)'],
    ['a data: URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'profile'],
    ['a dot-relative path', './profile'],
    ['a tab that browsers strip into //', '/\t/evil.com'],
    ['a newline', '/\n/evil.com'],
  ])('refuses %s and falls back to /profile', (_label, value) => {
    expect(isSafeLocalPath(value)).toBe(false);
    expect(safeReturnTo(value)).toBe('/profile');
  });

  it('uses the fallback it is given', () => {
    expect(safeReturnTo('//evil.com', '/')).toBe('/');
  });
});
