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

  it('starts the provider fakes only with DEV_FAKES=on', () => {
    expect(readConfig({ DEV_FAKES: 'on' }).fakes).toBe(true);
    expect(readConfig({ DEV_FAKES: 'off' }).fakes).toBe(false);
    expect(() => readConfig({ DEV_FAKES: 'yes' })).toThrow('DEV_FAKES must be "on" or "off", got "yes"');
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ DEV_IDP_PORT: 'abc' })).toThrow('DEV_IDP_PORT must be a port number from 0 to 65535, got "abc"');
    expect(() => readConfig({ DEV_IDP_PORT: '70000' })).toThrow('DEV_IDP_PORT');
    expect(() => readConfig({ DEV_IDP_REDIRECT_URIS: 'localhost:3000/cb' })).toThrow('DEV_IDP_REDIRECT_URIS');
  });

  it('refuses to run with NODE_ENV=production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow('local development only');
  });
});
