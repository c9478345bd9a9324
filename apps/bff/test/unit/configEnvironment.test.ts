import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig, readEnvironment } from '../../src/config/index.js';

const production = {
  NODE_ENV: 'production',
  SESSION_SECRET: 'x'.repeat(40),
  OIDC_ISSUER: 'https://id.example.com',
  OIDC_CLIENT_ID: 'client',
  OIDC_CLIENT_SECRET: 'secret',
};
const bffDir = pathToFileURL('/srv/sso/apps/bff/');

describe('the environment and the .env file', () => {
  const names = ['SSO_TEST_FROM_FILE', 'SSO_TEST_ALREADY_SET', 'ENV_FILE'];
  const saved = Object.fromEntries(names.map((n) => [n, process.env[n]]));
  const dirs: string[] = [];
  afterEach(() => {
    for (const n of names) {
      if (saved[n] === undefined) delete process.env[n];
      else process.env[n] = saved[n];
    }
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the file ENV_FILE names, and a variable already in the environment wins over it', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-env-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'bff.env'), 'SSO_TEST_FROM_FILE=from-file\nSSO_TEST_ALREADY_SET=from-file\n');
    process.env.ENV_FILE = 'bff.env';
    process.env.SSO_TEST_ALREADY_SET = 'from-environment';
    const environment = readEnvironment(dir);
    expect(environment.file).toBe(join(dir, 'bff.env'));
    expect(environment.variables.SSO_TEST_FROM_FILE).toBe('from-file');
    expect(environment.variables.SSO_TEST_ALREADY_SET).toBe('from-environment');
  });

  it("without ENV_FILE reads ./.env of the working directory, else the workspace root's two levels up, else nothing", () => {
    const dir = mkdtempSync(join(tmpdir(), 'sso-env-'));
    dirs.push(dir);
    delete process.env.ENV_FILE;
    expect(readEnvironment(join(dir, 'a', 'b')).file).toBeUndefined();
    writeFileSync(join(dir, '.env'), 'SSO_TEST_FROM_FILE=dot-env\n');
    expect(readEnvironment(dir).file).toBe(join(dir, '.env'));
    expect(process.env.SSO_TEST_FROM_FILE).toBe('dot-env');
    expect(readEnvironment(join(dir, 'apps', 'bff')).file).toBe(join(dir, '.env'));
  });
});

describe('WEB_DIST', () => {
  it('in production defaults to the built SPA beside the BFF (apps/web/dist)', () => {
    expect(loadConfig(production, { bffDir }).webDist).toBe('/srv/sso/apps/web/dist');
  });

  it('is used as given, and set empty serves no SPA even in production', () => {
    expect(loadConfig({ ...production, WEB_DIST: '/srv/web' }, { bffDir }).webDist).toBe('/srv/web');
    expect(loadConfig({ ...production, WEB_DIST: '' }, { bffDir }).webDist).toBeUndefined();
  });

  it('has no default in development, where Vite serves the SPA', () => {
    expect(loadConfig({}, { bffDir }).webDist).toBeUndefined();
  });
});
