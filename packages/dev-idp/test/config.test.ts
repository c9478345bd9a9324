import { describe, expect, it } from 'vitest';

import { readConfig } from '../src/config.js';
import { defaultDevClient } from '../src/clients.js';

describe('readConfig (main.ts environment)', () => {
  it('defaults to localhost:4000 and the default dev client', () => {
    expect(readConfig({})).toEqual({ port: 4000, host: 'localhost', client: defaultDevClient, fakes: false });
  });

  it('reads the port, host and replacement redirect URIs', () => {
    const config = readConfig({
      DEV_IDP_PORT: '4100',
      DEV_IDP_HOST: '127.0.0.1',
      DEV_IDP_REDIRECT_URIS: 'http://127.0.0.1:3000/auth/callback/dev, http://localhost:8080/cb',
    });
    expect(config.port).toBe(4100);
    expect(config.host).toBe('127.0.0.1');
    expect(config.client.redirectUris).toEqual(['http://127.0.0.1:3000/auth/callback/dev', 'http://localhost:8080/cb']);
    expect(config.client.clientId).toBe('sso-dev');
    expect(defaultDevClient.redirectUris).toHaveLength(2); // the shared default is not mutated
  });

  it('names the default client "SSO Demo", and DEV_IDP_CLIENT_NAME renames it', () => {
    expect(readConfig({}).client.clientName).toBe('SSO Demo');
    expect(readConfig({ DEV_IDP_CLIENT_NAME: '  My App ' }).client.clientName).toBe('My App');
    expect(readConfig({ DEV_IDP_CLIENT_NAME: ' ' }).client.clientName).toBe('SSO Demo');
  });

  // Regression: the production build signs in as the generic `oidc` provider, but the back-channel
  // logout stayed on /auth/backchannel-logout/dev and the BFF answered 400.
  it('gives the production build (the BFF on :3000, provider `oidc`) its callback, post-logout and back-channel URIs', () => {
    const { client } = readConfig({
      DEV_IDP_REDIRECT_URIS: 'http://localhost:3000/auth/callback/oidc',
      DEV_IDP_POST_LOGOUT_REDIRECT_URIS: 'http://localhost:3000/login, http://localhost:3000/auth/logged-out',
      DEV_IDP_BACKCHANNEL_LOGOUT_URI: 'http://localhost:3000/auth/backchannel-logout/oidc',
    });
    expect(client).toEqual({
      ...defaultDevClient,
      redirectUris: ['http://localhost:3000/auth/callback/oidc'],
      postLogoutRedirectUris: ['http://localhost:3000/login', 'http://localhost:3000/auth/logged-out'],
      backchannelLogoutUri: 'http://localhost:3000/auth/backchannel-logout/oidc',
    });
    expect(defaultDevClient.backchannelLogoutUri).toBe('http://localhost:3000/auth/backchannel-logout/dev'); // not mutated
  });

  it('DEV_IDP_BACKCHANNEL_LOGOUT_URI=off registers no back-channel logout URI', () => {
    expect(readConfig({ DEV_IDP_BACKCHANNEL_LOGOUT_URI: 'off' }).client).not.toHaveProperty('backchannelLogoutUri');
    expect(readConfig({ DEV_IDP_BACKCHANNEL_LOGOUT_URI: ' OFF ' }).client).not.toHaveProperty('backchannelLogoutUri');
    expect(readConfig({ DEV_IDP_BACKCHANNEL_LOGOUT_URI: '' }).client.backchannelLogoutUri).toBe(defaultDevClient.backchannelLogoutUri);
  });

  it('starts the provider fakes only with DEV_FAKES=on', () => {
    expect(readConfig({ DEV_FAKES: 'on' }).fakes).toBe(true);
    expect(readConfig({ DEV_FAKES: 'off' }).fakes).toBe(false);
    expect(() => readConfig({ DEV_FAKES: 'yes' })).toThrow('DEV_FAKES must be "on" or "off", got "yes"');
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ DEV_IDP_PORT: 'abc' })).toThrow('DEV_IDP_PORT must be a port number from 0 to 65535, got "abc"');
    expect(() => readConfig({ DEV_IDP_PORT: '70000' })).toThrow('DEV_IDP_PORT');
    expect(() => readConfig({ DEV_IDP_REDIRECT_URIS: 'localhost:3000/cb' })).toThrow('DEV_IDP_REDIRECT_URIS');
    expect(() => readConfig({ DEV_IDP_REDIRECT_URIS: ' , ' })).toThrow('DEV_IDP_REDIRECT_URIS must list at least one URL');
    expect(() => readConfig({ DEV_IDP_POST_LOGOUT_REDIRECT_URIS: 'http://localhost:3000/login,/auth/logged-out' })).toThrow(
      'DEV_IDP_POST_LOGOUT_REDIRECT_URIS must be comma-separated absolute http(s) URLs without a #fragment; "/auth/logged-out" is not',
    );
    expect(() => readConfig({ DEV_IDP_POST_LOGOUT_REDIRECT_URIS: 'http://localhost:3000/login#x' })).toThrow(
      'DEV_IDP_POST_LOGOUT_REDIRECT_URIS',
    );
    expect(() => readConfig({ DEV_IDP_BACKCHANNEL_LOGOUT_URI: 'ftp://localhost/x' })).toThrow(
      'DEV_IDP_BACKCHANNEL_LOGOUT_URI must be one absolute http(s) URL without a #fragment, or "off"; "ftp://localhost/x" is not',
    );
    expect(() => readConfig({ DEV_IDP_BACKCHANNEL_LOGOUT_URI: 'http://a/x,http://b/y' })).toThrow(
      'DEV_IDP_BACKCHANNEL_LOGOUT_URI must be one URL or "off"',
    );
  });

  it('refuses to run with NODE_ENV=production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow('local development only');
  });
});
