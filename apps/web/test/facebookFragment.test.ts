import { describe, expect, it } from 'vitest';
import { withoutFacebookFragment } from '../src/facebookFragment.js';

describe('withoutFacebookFragment', () => {
  it("removes Facebook's #_=_ and keeps the path and the query", () => {
    expect(withoutFacebookFragment({ pathname: '/profile', search: '?linked=facebook', hash: '#_=_' })).toBe('/profile?linked=facebook');
  });

  it('removes it from a URL without a query', () => {
    expect(withoutFacebookFragment({ pathname: '/profile', search: '', hash: '#_=_' })).toBe('/profile');
  });

  it('keeps an encoded query exactly as it was', () => {
    expect(
      withoutFacebookFragment({ pathname: '/login', search: '?returnTo=%2Fprofile%3Ftab%3D1&error=access_denied', hash: '#_=_' }),
    ).toBe('/login?returnTo=%2Fprofile%3Ftab%3D1&error=access_denied');
  });

  it.each([
    ['no fragment', ''],
    ['an ordinary fragment', '#top'],
    ['a fragment that only starts like Facebook’s', '#_=_more'],
    ['a fragment that only ends like Facebook’s', '#x_=_'],
    ['an empty fragment', '#'],
  ])('leaves a URL with %s alone', (_label, hash) => {
    expect(withoutFacebookFragment({ pathname: '/profile', search: '?a=1', hash })).toBeNull();
  });
});
