import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { me } from '../fixtures.js';
import { installedVersion, pack, run, storeDir, tempProject, workspaceRoot } from './tarballs.js';

const consumerFiles = new URL('./consumer/', import.meta.url).pathname;
const tsc = join(workspaceRoot, 'node_modules/typescript/bin/tsc');

interface Manifest {
  private?: boolean;
  exports: Record<string, { types: string; default: string } | string>;
  dependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  sideEffects?: boolean;
  license?: string;
  files?: string[];
}

let tarballs: string;
let project: string;
let store: string;
const tarball = { profile: '', client: '' };

const installed = (name: string) => join(project, 'node_modules', name);
const manifest = (name: string) => JSON.parse(readFileSync(join(installed(name), 'package.json'), 'utf8')) as Manifest;
/** Every file an installed package holds, relative to its folder. */
const filesOf = (name: string) =>
  readdirSync(installed(name), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => relative(installed(name), join(entry.parentPath, entry.name)))
    .sort();

beforeAll(async () => {
  tarballs = mkdtempSync(join(tmpdir(), 'sso-tarballs-'));
  tarball.profile = await pack('packages/profile', tarballs);
  tarball.client = await pack('packages/client', tarballs);
  store = await storeDir();
  // The client depends on @sso/profile ^0.1.0: this one, not whatever the registry has under that name.
  project = tempProject('sso-client-consumer-', `overrides:\n  '@sso/profile': ${JSON.stringify(`file:${tarball.profile}`)}\n`);
  // First without React: it is an optional peer dependency, needed by @sso/client/react only.
  await run('pnpm', ['add', tarball.client, tarball.profile, '--prefer-offline', '--store-dir', store], project);
});

afterAll(() => {
  for (const dir of [tarballs, project]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('@sso/client and @sso/profile as published tarballs', () => {
  it('ship built ES modules with their types, and no sources, tests or workspace links', () => {
    for (const name of ['@sso/client', '@sso/profile']) {
      const pkg = manifest(name);
      expect(pkg.private).toBeUndefined();
      expect(pkg.license).toBe('MIT');
      expect(pkg.sideEffects).toBe(false);
      for (const target of Object.values(pkg.exports)) {
        if (typeof target === 'string') continue; // ./package.json
        expect(target.types).toMatch(/^\.\/dist\/.+\.d\.ts$/);
        expect(target.default).toMatch(/^\.\/dist\/.+\.js$/);
      }
      expect(JSON.stringify(pkg)).not.toContain('workspace:');
      const files = filesOf(name);
      expect(files).toEqual(expect.arrayContaining(['package.json', 'README.md', 'LICENSE', 'dist/index.js', 'dist/index.d.ts']));
      expect(files.filter((file) => !/^dist\/.+\.(js|d\.ts)$/.test(file))).toEqual([
        'CHANGELOG.md',
        'LICENSE',
        'README.md',
        'package.json',
      ]);
    }
    const client = manifest('@sso/client');
    expect(Object.keys(client.exports)).toEqual(['.', './react', './package.json']);
    expect(client.dependencies).toEqual({ '@sso/profile': '^0.1.0' });
    expect(client.peerDependenciesMeta?.react?.optional).toBe(true);
  });

  it('load in Node without React, from dist, and talk to a BFF', async () => {
    copyFileSync(join(consumerFiles, 'core.mjs'), join(project, 'core.mjs'));
    const out = JSON.parse(await run(process.execPath, ['core.mjs', JSON.stringify(me)], project)) as Record<string, unknown>;
    expect(out.resolved).toEqual([
      expect.stringMatching(/\/node_modules\/@sso\/client\/dist\/index\.js$/),
      expect.stringMatching(/\/node_modules\/@sso\/profile\/dist\/index\.js$/),
    ]);
    expect(out).toMatchObject({
      name: 'Alice Liddell',
      seen: [{ url: 'https://bff.example/auth/me', credentials: 'include' }],
      valid: true,
      message: 'Sign-in was cancelled at the provider.',
      loginUrl: 'https://bff.example/auth/login/dev?returnTo=%2Fprofile',
    });
  });

  it('with React installed, the bindings render and a consumer file type-checks (NodeNext and Bundler)', async () => {
    // The versions the workspace uses: already in the store, so nothing is downloaded.
    const react = installedVersion('react', 'packages/client');
    const types = installedVersion('@types/react', 'packages/client');
    const dom = installedVersion('react-dom', 'apps/web');
    await run(
      'pnpm',
      ['add', `react@${react}`, `react-dom@${dom}`, `@types/react@${types}`, '--prefer-offline', '--store-dir', store],
      project,
    );
    for (const file of ['react.mjs', 'consumer.tsx', 'tsconfig.nodenext.json', 'tsconfig.bundler.json'])
      copyFileSync(join(consumerFiles, file), join(project, file));

    const out = JSON.parse(await run(process.execPath, ['react.mjs'], project)) as { resolved: string; html: string };
    expect(out.resolved).toMatch(/\/node_modules\/@sso\/client\/dist\/react\.js$/);
    expect(out.html).toBe('<p>status: loading</p>');

    // tsc exits non-zero on any error, including an unused @ts-expect-error (a type gone `any`).
    await run(process.execPath, [tsc, '-p', 'tsconfig.nodenext.json'], project);
    await run(process.execPath, [tsc, '-p', 'tsconfig.bundler.json'], project);
  });
});
