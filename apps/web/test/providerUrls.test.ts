import { describe, expect, it } from 'vitest';
import { linkHref, loginHref } from '../src/providerUrls.js';

describe('loginHref', () => {
  it('asks the BFF to come back to the encoded returnTo', () => {
    expect(loginHref('https://app.example.com/auth/login/google', '/profile?tab=1')).toBe(
      'https://app.example.com/auth/login/google?returnTo=%2Fprofile%3Ftab%3D1',
    );
  });

  it('adds to a login URL that already has a query', () => {
    expect(loginHref('https://app.example.com/auth/login/okta?prompt=login', '/profile')).toBe(
      'https://app.example.com/auth/login/okta?prompt=login&returnTo=%2Fprofile',
    );
  });
});

describe('linkHref', () => {
  it('asks the BFF to link the account and come back to /profile', () => {
    expect(linkHref('https://app.example.com/auth/login/github')).toBe(
      'https://app.example.com/auth/login/github?intent=link&returnTo=%2Fprofile',
    );
  });

  it('keeps a provider id with URL-encoded characters as the BFF sent it', () => {
    expect(linkHref('http://localhost:5173/auth/login/my%20idp')).toBe(
      'http://localhost:5173/auth/login/my%20idp?intent=link&returnTo=%2Fprofile',
    );
  });

  it('adds to a login URL that already has a query', () => {
    expect(linkHref('https://app.example.com/auth/login/okta?prompt=login')).toBe(
      'https://app.example.com/auth/login/okta?prompt=login&intent=link&returnTo=%2Fprofile',
    );
  });
});
