import { describe, expect, it } from 'vitest';

import { appOf, createAppLinks } from '../src/app-links.js';
import { defaultDevClient, startDevIdp, type DevIdpClient } from '../src/index.js';

const bare: DevIdpClient = { clientId: 'bare', clientSecret: 's', redirectUris: ['http://localhost:8080/auth/callback/x'] };

describe('the app behind a client (names and "Back to …" links on our pages)', () => {
  it('the default client is "SSO Demo", back at its first post-logout redirect URI (the app\'s /login)', () => {
    expect(appOf(defaultDevClient)).toEqual({ name: 'SSO Demo', url: 'http://localhost:5173/login' });
  });

  it('without a name or post-logout URIs: the client id, back at the origin of the first redirect URI', () => {
    expect(appOf(bare)).toEqual({ name: 'bare', url: 'http://localhost:8080' });
  });

  it('an explicit appUrl wins over both defaults', () => {
    expect(appOf({ ...defaultDevClient, appUrl: 'https://app.example/start' }).url).toBe('https://app.example/start');
  });

  it("links nowhere rather than to a URL that is not http(s) (a native app's custom scheme)", () => {
    expect(
      appOf({ ...bare, redirectUris: ['com.example.app:/callback'], postLogoutRedirectUris: ['com.example.app:/bye'] }).url,
    ).toBeUndefined();
  });

  it('refuses an appUrl that is not an absolute http(s) URL, naming the client, before the IdP listens', async () => {
    expect(() => createAppLinks([{ ...bare, appUrl: 'javascript:alert(1)' }])).toThrow(
      'Dev IdP: appUrl of client "bare" must be an absolute http(s) URL, got "javascript:alert(1)"',
    );
    await expect(startDevIdp({ port: 0, host: '127.0.0.1', logger: () => {}, clients: [{ ...bare, appUrl: '/login' }] })).rejects.toThrow(
      'appUrl of client "bare"',
    );
  });

  it('looks clients up by id, falling back to the first registered one only when asked', () => {
    const apps = createAppLinks([bare, defaultDevClient]);
    expect(apps.of('sso-dev')?.name).toBe('SSO Demo');
    expect(apps.of('unknown')).toBeUndefined();
    expect(apps.of(undefined)).toBeUndefined();
    expect(apps.ofOrFirst('unknown')?.name).toBe('bare');
    expect(createAppLinks([]).ofOrFirst('unknown')).toBeUndefined();
  });
});
