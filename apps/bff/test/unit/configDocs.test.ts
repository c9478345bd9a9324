import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENV_NAMES } from '../../src/config.js';

const root = new URL('../../../../', import.meta.url);
const readme = readFileSync(new URL('README.md', root), 'utf8');
const example = readFileSync(new URL('.env.example', root), 'utf8');

/** A name is documented in the README's configuration table directly or as part of a `PREFIX_*` row. */
const inReadme = (name: string) => readme.includes(`\`${name}\``) || readme.includes(`\`${name.split('_')[0]}_*\``);

describe('configuration documentation', () => {
  it('names every variable the BFF reads in the README and in .env.example', () => {
    expect(ENV_NAMES.length).toBeGreaterThan(30);
    expect(ENV_NAMES.filter((name) => !inReadme(name))).toEqual([]);
    expect(ENV_NAMES.filter((name) => !new RegExp(`^#? ?${name}=`, 'm').test(example))).toEqual([]);
  });
});
