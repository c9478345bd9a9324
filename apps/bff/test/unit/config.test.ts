import { describe, expect, it } from 'vitest';
import { configProblems } from '../support/config.js';
import { loadConfig, type OidcProviderConfig } from '../../src/config/index.js';

const production = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  PUBLIC_URL: 'https://app.example.com',
  OIDC_ISSUER: 'https://id.example.com',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'secret',
};

const problems = configProblems;

describe('config', () => {
  it('with no configuration at all, development offers the Dev IdP on localhost and says so', () => {
    const config = loadConfig({});
    expect(config.env).toBe('development');
    expect(config.port).toBe(3000);
    expect(config.publicUrl.origin).toBe('http://localhost:5173');
    expect((config.providers as OidcProviderConfig[]).map((p) => [p.id, p.name, p.issuer.href])).toEqual([
      ['dev', 'Dev IdP', 'http://localhost:4000/'],
    ]);
    expect(config.secureCookies).toBe(false);
    expect(config.database).toEqual({ kind: 'sqlite', filename: './data/sso.sqlite' });
    expect(config.warnings.join('\n')).toMatch(/SESSION_SECRET is not set/);
    expect(config.warnings.join('\n')).toMatch(/Dev IdP/);
  });

  it('a complete production configuration parses with https cookies and no dev IdP', () => {
    const config = loadConfig(production);
    expect(config.secureCookies).toBe(true);
    expect(config.providers.map((p) => p.id)).toEqual(['oidc']);
    expect(config.providers[0]).toMatchObject({
      name: 'OpenID Connect',
      clientId: 'client',
      allowInsecureRequests: false,
      scopes: ['openid', 'profile', 'email'],
    });
    expect(config.warnings).toEqual([]);
  });

  it('production refuses to start without SESSION_SECRET and never defaults it', () => {
    const { SESSION_SECRET: _, ...rest } = production;
    expect(problems(rest)).toMatch(/SESSION_SECRET is required when NODE_ENV=production/);
  });

  it('a short SESSION_SECRET is refused', () => {
    expect(problems({ ...production, SESSION_SECRET: 'short' })).toMatch(/SESSION_SECRET must be at least 32 characters/);
  });

  it('half of the OIDC credentials names the missing variables', () => {
    expect(problems({ OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'x' })).toMatch(
      /OIDC_CLIENT_SECRET is required when OIDC_ISSUER \/ OIDC_CLIENT_ID are set/,
    );
    expect(problems({ OIDC_CLIENT_SECRET: 's' })).toMatch(/OIDC_ISSUER and OIDC_CLIENT_ID are required when OIDC_CLIENT_SECRET is set/);
  });

  it('an http issuer is accepted only for loopback hosts', () => {
    const base = { OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's', DEV_IDP: 'off' };
    for (const issuer of ['http://localhost:4000', 'http://127.0.0.1:9000/realms/x', 'http://[::1]:8080']) {
      const config = loadConfig({ ...base, OIDC_ISSUER: issuer });
      expect((config.providers[0] as OidcProviderConfig).allowInsecureRequests).toBe(true);
    }
    expect(problems({ ...base, OIDC_ISSUER: 'http://id.example.com' })).toMatch(/OIDC_ISSUER must use https:\/\//);
    expect(problems({ ...base, OIDC_ISSUER: 'http://localhost.evil.com' })).toMatch(/OIDC_ISSUER must use https/);
    expect(problems({ ...base, OIDC_ISSUER: 'not a url' })).toMatch(/OIDC_ISSUER must be an absolute URL/);
  });

  it('PUBLIC_URL must be https unless loopback, and an origin without a path', () => {
    expect(problems({ ...production, PUBLIC_URL: 'http://app.example.com' })).toMatch(/PUBLIC_URL must use https/);
    expect(problems({ ...production, PUBLIC_URL: 'https://app.example.com/app' })).toMatch(/PUBLIC_URL must be an origin/);
    expect(loadConfig({ ...production, PUBLIC_URL: 'http://127.0.0.1:8080/' }).publicUrl.href).toBe('http://127.0.0.1:8080/');
  });

  it('a bad PORT names the variable and the value', () => {
    expect(problems({ PORT: 'eighty' })).toMatch(/PORT: .*"eighty"/);
    expect(problems({ PORT: '70000' })).toMatch(/PORT/);
  });

  it('DATABASE_URL takes sqlite:<path> or a PostgreSQL URL, and refuses anything else by name', () => {
    expect(loadConfig({ DATABASE_URL: 'sqlite::memory:' }).database).toEqual({ kind: 'sqlite', filename: ':memory:' });
    expect(loadConfig({ DATABASE_URL: 'sqlite:/var/lib/sso.db' }).database).toEqual({ kind: 'sqlite', filename: '/var/lib/sso.db' });
    expect(problems({ DATABASE_URL: 'mysql://db' })).toMatch(/DATABASE_URL must look like sqlite:<path> or postgres:/);
  });

  it('PROVIDER_TIMEOUT (seconds) bounds every provider call; nonsense names the variable', () => {
    const config = loadConfig({
      PROVIDER_TIMEOUT: '2.5',
      OIDC_ISSUER: 'https://id.example.com',
      OIDC_CLIENT_ID: 'c',
      OIDC_CLIENT_SECRET: 's',
    });
    expect(config.providerTimeoutMs).toBe(2500);
    expect(config.providers.find((p) => p.id === 'oidc')?.timeoutMs).toBe(2500);
    expect(loadConfig({}).providerTimeoutMs).toBe(10_000);
    expect(problems({ PROVIDER_TIMEOUT: 'slow' })).toMatch(/PROVIDER_TIMEOUT/);
    expect(problems({ PROVIDER_TIMEOUT: '600' })).toMatch(/PROVIDER_TIMEOUT: must be at most 120 seconds/);
  });

  it('a PostgreSQL DATABASE_URL gets a pool with time limits; its password never appears in a message', () => {
    const database = loadConfig({
      DATABASE_URL: 'postgresql://sso:s3cret-pw@db.internal:6432/sso?sslmode=require',
      DATABASE_POOL_SIZE: '25',
    }).database;
    expect(database).toMatchObject({
      kind: 'postgres',
      poolSize: 25,
      connectTimeoutMs: 3000,
      statementTimeoutMs: 5000,
      startupTimeoutMs: 30_000,
    });
    expect(database.kind === 'postgres' && database.redacted).toBe('postgresql://sso:***@db.internal:6432/sso?sslmode=require');
    expect(loadConfig({ DATABASE_URL: 'postgres://db/sso', DATABASE_STATEMENT_TIMEOUT: '0.5' }).database).toMatchObject({
      statementTimeoutMs: 500,
    });
    const refused = problems({ DATABASE_URL: 'postgres://sso:s3cret-pw@db.internal/?sslmode=maybe', DATABASE_POOL_SIZE: 'many' });
    expect(refused).toMatch(/DATABASE_URL must name a database/);
    expect(refused).toMatch(/sslmode must be/);
    expect(refused).toMatch(/DATABASE_POOL_SIZE must be a number/);
    expect(refused).not.toContain('s3cret-pw');
  });

  it('the dev IdP is refused in production and can be switched off in development', () => {
    expect(problems({ ...production, DEV_IDP: 'on' })).toMatch(/DEV_IDP=on is not allowed/);
    expect(loadConfig({ DEV_IDP: 'off' }).providers).toEqual([]);
  });

  it('production with no provider at all stops with a message that says what to set', () => {
    const { OIDC_ISSUER: _a, OIDC_CLIENT_ID: _b, OIDC_CLIENT_SECRET: _c, ...rest } = production;
    expect(problems(rest)).toMatch(/no sign-in provider is configured: set e.g. GOOGLE_CLIENT_ID/);
  });

  it('several problems are reported together', () => {
    const message = problems({ NODE_ENV: 'production', PUBLIC_URL: 'http://example.com', DATABASE_URL: 'x' });
    expect(message).toMatch(/PUBLIC_URL/);
    expect(message).toMatch(/SESSION_SECRET/);
    expect(message).toMatch(/DATABASE_URL/);
  });

  it('OIDC_SCOPES must include openid; OIDC_NAME labels the button', () => {
    const base = { OIDC_ISSUER: 'https://id.example.com', OIDC_CLIENT_ID: 'c', OIDC_CLIENT_SECRET: 's' };
    expect(problems({ ...base, OIDC_SCOPES: 'email profile' })).toMatch(/OIDC_SCOPES must include "openid"/);
    expect(loadConfig({ ...base, OIDC_NAME: 'Acme SSO' }).providers[0]!.name).toBe('Acme SSO');
  });

  it('FRONTEND_ORIGINS takes origins only, https like PUBLIC_URL, and warns about another site', () => {
    expect(loadConfig({}).frontendOrigins).toEqual(['http://localhost:5174']);
    const config = loadConfig({ ...production, FRONTEND_ORIGINS: 'https://admin.example.com, https://other.example.net' });
    expect(config.frontendOrigins).toEqual(['https://admin.example.com', 'https://other.example.net']);
    expect(config.warnings.join('\n')).toMatch(/other\.example\.net looks like another site/);
    expect(problems({ ...production, FRONTEND_ORIGINS: 'https://admin.example.com/app' })).toMatch(
      /FRONTEND_ORIGINS entries must be origins/,
    );
    expect(problems({ ...production, FRONTEND_ORIGINS: 'http://admin.example.com' })).toMatch(
      /FRONTEND_ORIGINS entry http:\/\/admin\.example\.com must use https/,
    );
  });

  describe('API_ROUTES provider lists', () => {
    it('reads `|providers=`; outside production a route without one is open to any provider', () => {
      const config = loadConfig({
        ...production,
        NODE_ENV: 'test',
        API_ROUTES: '/api/a=https://a.example/v1|GET|providers=oidc; /api/b=https://b.example',
      });
      expect(config.apiRoutes.map((r) => [r.prefix, r.methods, r.providers])).toEqual([
        ['/api/a', ['GET'], ['oidc']],
        ['/api/b', ['GET', 'HEAD'], null],
      ]);
    });

    it('refuses a provider id that is not configured, naming API_ROUTES', () => {
      expect(problems({ ...production, API_ROUTES: '/api/a=https://a.example/v1|GET|providers=oidc,github' })).toMatch(
        /API_ROUTES providers for \/api\/a must be configured provider ids \(oidc\); got github/,
      );
    });

    it('development routes the demo API for dev IdP sessions only', () => {
      const config = loadConfig({ NODE_ENV: 'development' });
      expect(config.apiRoutes).toMatchObject([{ prefix: '/api/demo', methods: ['GET', 'POST'], providers: ['dev'] }]);
    });
  });

  describe('OIDC_TOKEN_AUTH_METHOD', () => {
    it('defaults to auto and takes client_secret_basic or client_secret_post', () => {
      expect((loadConfig(production).providers[0] as OidcProviderConfig).tokenAuthMethod).toBe('auto');
      for (const method of ['auto', 'client_secret_basic', 'client_secret_post'] as const) {
        expect((loadConfig({ ...production, OIDC_TOKEN_AUTH_METHOD: method }).providers[0] as OidcProviderConfig).tokenAuthMethod).toBe(
          method,
        );
      }
    });

    it('refuses anything else, naming the variable', () => {
      expect(problems({ ...production, OIDC_TOKEN_AUTH_METHOD: 'private_key_jwt' })).toMatch(
        /OIDC_TOKEN_AUTH_METHOD must be one of auto, client_secret_basic, client_secret_post \(got "private_key_jwt"\)/,
      );
    });
  });

  describe('SESSION_SECRET rotation', () => {
    it('takes a comma-separated list: the first signs and encrypts, all are kept to verify', () => {
      const config = loadConfig({ ...production, SESSION_SECRET: `${'n'.repeat(40)}, ${'o'.repeat(40)}` });
      expect(config.sessionSecrets).toEqual(['n'.repeat(40), 'o'.repeat(40)]);
      expect(config.sessionSecret).toBe('n'.repeat(40));
    });

    it('refuses a list in which any secret is too short, naming the variable', () => {
      expect(problems({ ...production, SESSION_SECRET: `${'n'.repeat(40)},short` })).toMatch(
        /SESSION_SECRET must be at least 32 characters/,
      );
    });
  });
});
