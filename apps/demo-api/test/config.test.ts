import { describe, expect, it } from 'vitest';

import { readConfig } from '../src/config.js';

describe('readConfig (main.ts environment)', () => {
  it('defaults to :4100, the dev IdP on :4000 and its demo-api resource server, and says the secret is the dev one', () => {
    expect(readConfig({})).toEqual({
      port: 4100,
      host: 'localhost',
      issuer: 'http://localhost:4000',
      clientId: 'demo-api',
      clientSecret: 'demo-api-dev-secret',
      devSecret: true,
    });
  });

  it('reads every variable', () => {
    expect(
      readConfig({
        DEMO_API_PORT: '4200',
        DEMO_API_HOST: '127.0.0.1',
        DEMO_API_ISSUER: 'http://127.0.0.1:4000',
        DEMO_API_CLIENT_ID: 'orders-api',
        DEMO_API_CLIENT_SECRET: 's3cret',
      }),
    ).toEqual({
      port: 4200,
      host: '127.0.0.1',
      issuer: 'http://127.0.0.1:4000',
      clientId: 'orders-api',
      clientSecret: 's3cret',
      devSecret: false,
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => readConfig({ DEMO_API_PORT: 'abc' })).toThrow('DEMO_API_PORT must be a port number from 0 to 65535, got "abc"');
    expect(() => readConfig({ DEMO_API_ISSUER: 'localhost:4000' })).toThrow('DEMO_API_ISSUER must be an absolute http(s) URL');
  });

  it('refuses to run with NODE_ENV=production', () => {
    expect(() => readConfig({ NODE_ENV: 'production' })).toThrow('local development only');
  });
});
