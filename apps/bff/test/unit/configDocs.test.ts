import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_NAMES, loadConfig } from '../../src/config/index.js';
import { DATABASE_DEFAULTS } from '../../src/config/database.js';
import { documentedRows, renderConfigDocs, renderReadmeTable, replaceReadmeTable } from '../../src/config/docs.js';
import { RATE_LIMIT_ENV } from '../../src/config/rateLimits.js';

const root = new URL('../../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const envExample = readFileSync(new URL('.env.example', root), 'utf8');
const STALE =
  'is not what the config schema generates: run `pnpm docs:config` (and edit apps/bff/src/config/variables, not the generated text)';

/** The README's generated table: the lines between the markers. */
const readmeTable = (text: string) => text.slice(text.indexOf('| Variable |'), text.indexOf('<!-- END configuration table -->'));

describe('configuration documentation', () => {
  it('the README configuration table is the one `pnpm docs:config` generates from the schema', () => {
    expect(readmeTable(readme), `README.md ${STALE}`).toBe(readmeTable(renderConfigDocs(readme).readme));
  });

  it('.env.example is the one `pnpm docs:config` generates from the schema', () => {
    expect(envExample, `.env.example ${STALE}`).toBe(renderConfigDocs(readme).envExample);
  });

  it('a hand edit of the README table is caught as a difference', () => {
    const edited = readme.replace('| `PORT` | `3000` |', '| `PORT` | `8080` |');
    expect(edited).not.toBe(readme);
    expect(readmeTable(edited)).not.toBe(readmeTable(renderConfigDocs(edited).readme));
  });

  it('the generator refuses a README without the table markers instead of losing text', () => {
    expect(() => replaceReadmeTable('# A README\n', renderReadmeTable())).toThrow(/must contain the lines/);
  });

  it('names every variable the BFF reads once in the README table and in a NAME= line of .env.example', () => {
    expect(ENV_NAMES.length).toBeGreaterThan(50);
    // The first cell of each row names its variables.
    const named = readmeTable(readme)
      .split('\n')
      .slice(2)
      .flatMap((line) => [...(line.split(' | ')[0] ?? '').matchAll(/`([A-Z0-9_]+)`/g)].map((m) => m[1]));
    expect([...named].sort()).toEqual([...ENV_NAMES].sort());
    expect(ENV_NAMES.filter((name) => !new RegExp(`^(# )?${name}=`, 'm').test(envExample))).toEqual([]);
  });

  it('the variables that database.ts and rateLimits.ts read themselves are schema entries too', () => {
    const readOutsideTheSchema = [...Object.keys(DATABASE_DEFAULTS), ...RATE_LIMIT_ENV];
    expect(readOutsideTheSchema.filter((name) => !ENV_NAMES.includes(name))).toEqual([]);
  });

  it('leaves uncommented in .env.example only what a new user starts from, and never a secret', () => {
    const set = envExample.split('\n').filter((line) => /^[A-Z_]+=/.test(line));
    expect(set).toEqual(['NODE_ENV=development', 'PORT=3000']);
    const secrets = documentedRows().flatMap((row) => row.variables.filter((v) => v.secret));
    expect(secrets.map((v) => v.name)).toEqual(expect.arrayContaining(['SESSION_SECRET', 'OIDC_CLIENT_SECRET', 'GOOGLE_CLIENT_SECRET']));
    expect(secrets.filter((v) => v.set)).toEqual([]);
  });

  it('every default the documentation names is the one the BFF applies when the variable is unset', () => {
    // Every provider configured and the listeners on, so that each variable's default is used.
    const everything: Record<string, string> = {
      DATABASE_URL: 'postgres://sso@db.example.com:5432/sso',
      METRICS_PORT: '9464',
      OIDC_ISSUER: 'https://id.example.com',
      OIDC_CLIENT_ID: 'client',
      OIDC_CLIENT_SECRET: 'secret',
      ...Object.fromEntries(
        ['SIMPLELOGIN', 'GOOGLE', 'GITHUB', 'FACEBOOK'].flatMap((p) => [
          [`${p}_CLIENT_ID`, 'id'],
          [`${p}_CLIENT_SECRET`, 'secret'],
        ]),
      ),
    };
    const parsed = (env: Record<string, string>) => JSON.parse(JSON.stringify(loadConfig(env))) as unknown;
    const checked: string[] = [];
    for (const row of documentedRows()) {
      // Defaults that depend on NODE_ENV are described in words (defaultText), not as one value.
      if (row.doc.defaultText !== undefined) continue;
      for (const variable of row.variables) {
        if (variable.default === undefined) continue;
        const { [variable.name]: _, ...unset } = everything;
        expect(parsed({ ...unset, [variable.name]: variable.default }), variable.name).toEqual(parsed(unset));
        checked.push(variable.name);
      }
    }
    expect(checked).toEqual(
      expect.arrayContaining([
        'PORT',
        'SESSION_LIFETIME',
        'RATE_LIMIT_LOGIN',
        'DATABASE_POOL_SIZE',
        'GITHUB_API_URL',
        'OIDC_SCOPES',
        'API_BODY_LIMIT',
        'METRICS_HOST',
      ]),
    );
  });
});
