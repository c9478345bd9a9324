import { describe, expect, it } from 'vitest';
import { configProblems as problems } from '../support/config.js';
import { loadConfig } from '../../src/config/index.js';

const production = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  PUBLIC_URL: 'https://app.example.com',
  OIDC_ISSUER: 'https://id.example.com',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'secret',
};

describe('API proxy configuration', () => {
  it('production refuses to start with a route that names no providers, naming API_ROUTES and the route', () => {
    expect(problems({ ...production, API_ROUTES: '/api/a=https://a.example/v1|GET|providers=oidc; /api/b=https://b.example' })).toMatch(
      /API_ROUTES route \/api\/b must name the providers whose access tokens it may receive \(\|providers=oidc\) when NODE_ENV=production/,
    );
    expect(loadConfig({ ...production, API_ROUTES: '/api/a=https://a.example/v1|GET|providers=oidc' }).apiRoutes).toHaveLength(1);
  });

  it('development and tests keep a route without a list open to any provider, and the /api/demo default works', () => {
    expect(loadConfig({ NODE_ENV: 'test', DEV_IDP: 'off', API_ROUTES: '/api/b=https://b.example' }).apiRoutes[0]!.providers).toBeNull();
    expect(loadConfig({ NODE_ENV: 'development' }).apiRoutes).toMatchObject([{ prefix: '/api/demo', providers: ['dev'] }]);
  });

  it('a route on one of the BFF’s own paths (/auth, /healthz, /readyz) is refused, naming the prefix', () => {
    for (const prefix of ['/auth/x', '/healthz', '/readyz', '/readyz/deep']) {
      expect(problems({ NODE_ENV: 'test', DEV_IDP: 'off', API_ROUTES: `${prefix}=https://a.example` })).toContain(
        `API_ROUTES prefix ${prefix} is reserved for the BFF itself`,
      );
    }
  });

  it('API_BODY_LIMIT defaults to 1 MiB and takes bytes or a kb / mb suffix', () => {
    expect(loadConfig({}).apiBodyLimit).toBe(1_048_576);
    expect(loadConfig({ API_BODY_LIMIT: '2048' }).apiBodyLimit).toBe(2048);
    expect(loadConfig({ API_BODY_LIMIT: '512kb' }).apiBodyLimit).toBe(524_288);
    expect(loadConfig({ API_BODY_LIMIT: '5 MB' }).apiBodyLimit).toBe(5_242_880);
  });

  it.each(['0', '-1', '1.5mb', '1gb', 'lots', '99999999999999999mb'])('API_BODY_LIMIT=%s stops the start, naming the variable', (value) => {
    expect(problems({ API_BODY_LIMIT: value })).toMatch(
      new RegExp(`API_BODY_LIMIT must be a positive number of bytes.*\\(got "${value}"\\)`),
    );
  });
});
