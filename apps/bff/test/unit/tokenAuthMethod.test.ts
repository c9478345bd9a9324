import { describe, expect, it } from 'vitest';
import { chooseTokenAuthMethod } from '../../src/providers/oidc.js';

describe('auto client authentication', () => {
  const both = ['client_secret_basic', 'client_secret_post'];
  it('uses Basic when offered and the credentials are letters and digits only', () => {
    expect(chooseTokenAuthMethod(both, 'abc123', 'S3cret')).toBe('client_secret_basic');
  });
  it('prefers the form body when both are offered and the id or secret has other characters', () => {
    expect(chooseTokenAuthMethod(both, 'my-app', 'S3cret')).toBe('client_secret_post');
    expect(chooseTokenAuthMethod(both, 'abc', 'a+b/c=')).toBe('client_secret_post');
    expect(chooseTokenAuthMethod(both, 'test-client.apps.googleusercontent.com', 'x')).toBe('client_secret_post');
  });
  it('follows a provider that offers only one, and RFC 8414’s Basic default when it says nothing', () => {
    expect(chooseTokenAuthMethod(['client_secret_post'], 'abc', 'x')).toBe('client_secret_post');
    expect(chooseTokenAuthMethod(['client_secret_basic'], 'my-app', 'x')).toBe('client_secret_basic');
    expect(chooseTokenAuthMethod(undefined, 'my-app', 'x')).toBe('client_secret_basic');
  });
});
