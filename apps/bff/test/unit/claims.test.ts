import { describe, expect, it } from 'vitest';
import { identityFromOidcClaims, safeImageUrl } from '../../src/providers/claims.js';

describe('profile mapping from OpenID Connect claims', () => {
  it('takes the subject from the ID token and the profile from userinfo', () => {
    const identity = identityFromOidcClaims(
      'oidc',
      { sub: 'abc', iss: 'https://id', name: 'Old Name' },
      { sub: 'abc', name: 'Alice Liddell', email: 'alice@example.com', email_verified: true, picture: 'https://cdn.example/a.png' },
    );
    expect(identity).toEqual({
      provider: 'oidc',
      subject: 'abc',
      name: 'Alice Liddell',
      email: 'alice@example.com',
      emailVerified: true,
      avatarUrl: 'https://cdn.example/a.png',
    });
  });

  it('says null, not false, when the provider does not say whether the email is verified', () => {
    expect(identityFromOidcClaims('oidc', { sub: '1', email: 'a@b.c' }, undefined).emailVerified).toBeNull();
    expect(identityFromOidcClaims('oidc', { sub: '1', email: 'a@b.c', email_verified: 'false' }, undefined).emailVerified).toBe(false);
    expect(identityFromOidcClaims('oidc', { sub: '1', email_verified: true }, undefined).emailVerified).toBeNull();
  });

  it('builds a name from given and family names, then usernames', () => {
    expect(identityFromOidcClaims('oidc', { sub: '1', given_name: 'Ada', family_name: 'Lovelace' }, undefined).name).toBe('Ada Lovelace');
    expect(identityFromOidcClaims('oidc', { sub: '1', preferred_username: 'ada' }, undefined).name).toBe('ada');
    expect(identityFromOidcClaims('oidc', { sub: '1', name: '   ' }, undefined).name).toBeNull();
  });

  it("accepts SimpleLogin's avatar_url where the standard says picture", () => {
    expect(identityFromOidcClaims('simplelogin', { sub: '1' }, { sub: '1', avatar_url: 'https://sl.example/a.jpg' }).avatarUrl).toBe(
      'https://sl.example/a.jpg',
    );
  });

  it('keeps only web image URLs: https, or http on loopback', () => {
    expect(safeImageUrl('javascript:alert(1)')).toBeNull();
    expect(safeImageUrl('data:image/svg+xml,<svg/>')).toBeNull();
    expect(safeImageUrl('http://cdn.example/a.png')).toBeNull();
    expect(safeImageUrl('http://localhost:4000/avatars/alice.svg')).toBe('http://localhost:4000/avatars/alice.svg');
    expect(safeImageUrl(42)).toBeNull();
  });
});
