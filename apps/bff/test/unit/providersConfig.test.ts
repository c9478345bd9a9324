import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { configProblems } from '../support/config.js';
import { fakeDefaults } from '@sso/dev-idp';
import { DEV_FAKES } from '../../src/config/providers.js';
import { loadConfig, type FacebookProviderConfig, type GitHubProviderConfig, type OidcProviderConfig } from '../../src/config/index.js';

const dir = mkdtempSync(join(tmpdir(), 'sso-providers-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: string): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const problems = configProblems;

const all = {
  DEV_IDP: 'off',
  SIMPLELOGIN_CLIENT_ID: 'sl-id',
  SIMPLELOGIN_CLIENT_SECRET: 'sl-secret',
  GOOGLE_CLIENT_ID: 'g-id',
  GOOGLE_CLIENT_SECRET: 'g-secret',
  GITHUB_CLIENT_ID: 'gh-id',
  GITHUB_CLIENT_SECRET: 'gh-secret',
  FACEBOOK_CLIENT_ID: 'fb-id',
  FACEBOOK_CLIENT_SECRET: 'fb-secret',
};

describe('provider configuration', () => {
  it('credentials enable each provider, pointed at the real services by default', () => {
    const providers = loadConfig(all).providers;
    expect(providers.map((p) => p.id)).toEqual(['simplelogin', 'google', 'github', 'facebook']);
    const [simplelogin, google, github, facebook] = providers as [
      OidcProviderConfig,
      OidcProviderConfig,
      GitHubProviderConfig,
      FacebookProviderConfig,
    ];
    expect(simplelogin.issuer.href).toBe('https://app.simplelogin.io/');
    expect(simplelogin.tokenAuthMethod).toBe('client_secret_post');
    expect(simplelogin.scopes).toEqual(['openid', 'email', 'name', 'avatar_url']);
    expect(google.issuer.href).toBe('https://accounts.google.com/');
    expect(github.webUrl.href).toBe('https://github.com/');
    expect(github.apiUrl.href).toBe('https://api.github.com/');
    expect(facebook.dialogUrl.href).toBe('https://www.facebook.com/');
    expect(facebook.graphUrl.href).toBe('https://graph.facebook.com/');
    expect(facebook.apiVersion).toMatch(/^v\d+\.0$/);
  });

  it.each(['SIMPLELOGIN', 'GOOGLE', 'GITHUB', 'FACEBOOK'])('half a %s credential pair names the missing variable', (prefix) => {
    expect(problems({ [`${prefix}_CLIENT_ID`]: 'x' })).toMatch(
      new RegExp(`${prefix}_CLIENT_SECRET is required when ${prefix}_CLIENT_ID is set`),
    );
    expect(problems({ [`${prefix}_CLIENT_SECRET`]: 'x' })).toMatch(
      new RegExp(`${prefix}_CLIENT_ID is required when ${prefix}_CLIENT_SECRET is set`),
    );
  });

  it('base URLs are configurable, https unless loopback', () => {
    const config = loadConfig({
      ...all,
      GITHUB_URL: 'http://127.0.0.1:9',
      GITHUB_API_URL: 'http://127.0.0.1:9/api',
      FACEBOOK_API_VERSION: 'v19.0',
    });
    const github = config.providers.find((p) => p.id === 'github') as GitHubProviderConfig;
    expect(github.apiUrl.href).toBe('http://127.0.0.1:9/api');
    expect((config.providers.find((p) => p.id === 'facebook') as FacebookProviderConfig).apiVersion).toBe('v19.0');
    expect(problems({ ...all, GOOGLE_ISSUER: 'http://accounts.example.com' })).toMatch(/GOOGLE_ISSUER must use https/);
    expect(problems({ ...all, FACEBOOK_API_VERSION: '21' })).toMatch(/FACEBOOK_API_VERSION must look like v21.0/);
  });

  it('PROVIDER_ORDER puts the named providers first and refuses unknown ids', () => {
    expect(loadConfig({ ...all, PROVIDER_ORDER: 'facebook, github' }).providers.map((p) => p.id)).toEqual([
      'facebook',
      'github',
      'simplelogin',
      'google',
    ]);
    expect(problems({ ...all, PROVIDER_ORDER: 'myspace' })).toMatch(/PROVIDER_ORDER names "myspace", which is not a configured provider/);
  });

  it('a YAML providers file adds generic issuers, with secrets from the environment if wanted', () => {
    const path = file(
      'providers.yaml',
      `providers:
  - id: okta
    name: Okta
    issuer: https://example.okta.com
    clientId: okta-client
    clientSecretEnv: OKTA_SECRET
  - id: keycloak
    name: Keycloak
    issuer: http://localhost:8080/realms/demo
    clientId: kc
    clientSecret: kc-secret
    scopes: [openid, email]
`,
    );
    const providers = loadConfig({ DEV_IDP: 'off', PROVIDERS_FILE: path, OKTA_SECRET: 'from-env' }).providers as OidcProviderConfig[];
    expect(providers.map((p) => [p.id, p.name, p.clientSecret, p.allowInsecureRequests])).toEqual([
      ['okta', 'Okta', 'from-env', false],
      ['keycloak', 'Keycloak', 'kc-secret', true],
    ]);
    expect(providers[1]!.scopes).toEqual(['openid', 'email']);
  });

  it('a JSON providers file works too, and every mistake names the file, entry and field', () => {
    const ok = file(
      'ok.json',
      JSON.stringify([{ id: 'acme', name: 'Acme', issuer: 'https://id.acme.test', clientId: 'a', clientSecret: 's' }]),
    );
    expect(loadConfig({ DEV_IDP: 'off', PROVIDERS_FILE: ok }).providers.map((p) => p.id)).toEqual(['acme']);

    const bad = file(
      'bad.json',
      JSON.stringify([
        { id: 'Google', name: 'x', issuer: 'https://a', clientId: 'a', clientSecret: 's' },
        { id: 'google', name: 'x', issuer: 'https://a', clientId: 'a', clientSecret: 's' },
        { id: 'plain', name: 'x', issuer: 'http://idp.example.com', clientId: 'a', clientSecretEnv: 'MISSING_SECRET' },
      ]),
    );
    const message = problems({ PROVIDERS_FILE: bad });
    expect(message).toMatch(/bad\.json: entry\[0\]\.id: must be 1-32 lowercase/);
    const bad2 = file(
      'bad2.json',
      JSON.stringify([
        { id: 'google', name: 'x', issuer: 'https://a', clientId: 'a', clientSecret: 's' },
        { id: 'plain', name: 'x', issuer: 'http://idp.example.com', clientId: 'a', clientSecretEnv: 'MISSING_SECRET' },
      ]),
    );
    const message2 = problems({ PROVIDERS_FILE: bad2 });
    expect(message2).toMatch(/entry \[0\] \(google\): id "google" is reserved/);
    expect(message2).toMatch(/entry \[1\] \(plain\): the environment variable MISSING_SECRET named by clientSecretEnv is not set/);
    expect(message2).toMatch(/entry \[1\] \(plain\): issuer must use https/);
    expect(problems({ PROVIDERS_FILE: join(dir, 'nope.yaml') })).toMatch(/PROVIDERS_FILE: cannot read .*nope\.yaml \(ENOENT\)/);
    expect(problems({ PROVIDERS_FILE: file('broken.yaml', 'providers: [oops') })).toMatch(
      /PROVIDERS_FILE: .*broken\.yaml is not valid YAML/,
    );
  });

  it('DEV_FAKES=on points credential-less providers at the local fakes, in development only', () => {
    const providers = loadConfig({ DEV_FAKES: 'on', DEV_IDP: 'off' }).providers;
    expect(providers.map((p) => p.id)).toEqual(['simplelogin', 'google', 'github', 'facebook']);
    expect((providers[0] as OidcProviderConfig).issuer.origin).toBe('http://localhost:4003');
    expect((providers[3] as FacebookProviderConfig).graphUrl.origin).toBe('http://localhost:4001');
    // Real credentials win over the fake.
    const withReal = loadConfig({ DEV_FAKES: 'on', DEV_IDP: 'off', GOOGLE_CLIENT_ID: 'real', GOOGLE_CLIENT_SECRET: 'real' }).providers;
    expect((withReal.find((p) => p.id === 'google') as OidcProviderConfig).issuer.href).toBe('https://accounts.google.com/');
    expect(problems({ NODE_ENV: 'production', SESSION_SECRET: 'x'.repeat(40), DEV_FAKES: 'on', ...all })).toMatch(
      /DEV_FAKES=on is not allowed/,
    );
  });
});

describe('DEV_FAKES and the fakes that `pnpm dev:fakes` starts', () => {
  it.each(['facebook', 'github', 'simplelogin', 'google'] as const)('%s: same port and credentials on both sides', (id) => {
    expect(DEV_FAKES[id].url).toBe(`http://localhost:${fakeDefaults[id].port}`);
    expect(DEV_FAKES[id].clientId).toBe(fakeDefaults[id].clientId);
    expect(DEV_FAKES[id].clientSecret).toBe(fakeDefaults[id].clientSecret);
  });
});
