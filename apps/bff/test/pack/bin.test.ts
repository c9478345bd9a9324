import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startDevIdp, type DevIdp } from '@sso/dev-idp';
// Packing and installing outside the workspace is shared with the client's pack test.
import { installedVersion, outsideEnv, pack, run, storeDir, tempProject } from '../../../../packages/client/test/pack/tarballs.js';
import { TestBrowser } from '../support/browser.js';
import { callbackFor, deliver, me } from '../integration/flow.js';

const CLIENT_ID = 'sso-bff-bin';
const CLIENT_SECRET = 'sso-bff-bin-secret-0123456789';
const SESSION_SECRET = 'bin-test-session-secret-0123456789-abcdefghij';

interface Started {
  child: ChildProcess;
  output: () => string;
  exited: Promise<number | null>;
}

let tarballs: string;
let project: string;
let idp: DevIdp;
let origin: string;
/** Every program started, so that none outlives the test run. */
const running = new Set<ChildProcess>();

/**
 * Runs the installed `sso-bff` as a user's shell would: in `cwd`, with only PATH and HOME from this
 * process (no NODE_ENV: vitest's `test` must not leak in) plus `env`.
 */
function spawnBin(cwd: string, env: Record<string, string> = {}): Started {
  const base = outsideEnv();
  const child = spawn(join(project, 'node_modules/.bin/sso-bff'), [], {
    cwd,
    env: { PATH: base.PATH!, HOME: base.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  void exited.then(() => running.delete(child));
  return { child, output: () => output, exited };
}

/** SIGTERM, as a process manager stops it; the exit code. */
async function stop(started: Started): Promise<number | null> {
  if (started.child.exitCode === null) started.child.kill('SIGTERM');
  return started.exited;
}

/** `done`, or after `ms` a failure saying what did not happen, with the program's output. */
async function within<T>(started: Started, ms: number, what: string, done: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`sso-bff: ${what} within ${ms / 1000} s:\n${started.output()}`)), ms);
  });
  try {
    return await Promise.race([done, late]);
  } finally {
    clearTimeout(timer);
  }
}

/** Starts it and resolves once it listens; a start that fails or hangs fails the test with its output. */
async function startBin(cwd: string, env: Record<string, string> = {}): Promise<Started> {
  const started = spawnBin(cwd, env);
  const listening = new Promise<void>((resolve, reject) => {
    started.child.stdout!.on('data', () => started.output().includes('"msg":"BFF listening"') && resolve());
    void started.exited.then((code) => reject(new Error(`sso-bff exited with ${code}:\n${started.output()}`)));
  });
  try {
    await within(started, 20_000, 'did not listen', listening);
  } catch (err) {
    await stop(started);
    throw err;
  }
  return started;
}

beforeAll(async () => {
  tarballs = mkdtempSync(join(tmpdir(), 'sso-tarballs-'));
  const tarball = await pack('apps/bff', tarballs);
  // The workspace's better-sqlite3: the pnpm store's side-effects cache then usually holds its
  // build for this Node, and the install takes a second instead of compiling (~70 s or more).
  project = tempProject('sso-bff-installed-', `overrides:\n  better-sqlite3: ${installedVersion('better-sqlite3', 'apps/bff')}\n`);
  await run('pnpm', ['add', tarball, '--allow-build', 'better-sqlite3', '--prefer-offline', '--store-dir', await storeDir()], project);

  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  idp = await startDevIdp({
    port: 0,
    host: '127.0.0.1',
    logger: () => undefined,
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [`${origin}/auth/callback/oidc`],
        postLogoutRedirectUris: [`${origin}/login`],
      },
    ],
  });
  // What a user of the program writes into .env (the database is the default: ./data/sso.sqlite).
  writeFileSync(
    join(project, '.env'),
    [
      `PORT=${port}`,
      'HOST=127.0.0.1',
      `PUBLIC_URL=${origin}`,
      `SESSION_SECRET=${SESSION_SECRET}`,
      `OIDC_ISSUER=${idp.issuer}`,
      `OIDC_CLIENT_ID=${CLIENT_ID}`,
      `OIDC_CLIENT_SECRET=${CLIENT_SECRET}`,
      'OIDC_NAME=Example IdP',
      '',
    ].join('\n'),
  );
}, 600_000);

afterAll(async () => {
  for (const child of running) child.kill('SIGKILL');
  await idp?.close();
  for (const dir of [tarballs, project]) if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('@sso/bff installed from its tarball, outside the workspace', () => {
  it('holds the bundle and the sso-bff bin, and installs better-sqlite3 as its one dependency', () => {
    const root = join(project, 'node_modules/@sso/bff');
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
    expect(pkg).toMatchObject({ bin: { 'sso-bff': './bin/sso-bff.mjs' }, engines: { node: '>=20.19' }, license: 'MIT' });
    expect(pkg.private).toBeUndefined();
    expect(pkg.dependencies).toEqual({ 'better-sqlite3': expect.any(String) as unknown });
    // (node_modules/ there is pnpm's, for the dependency's own bins.)
    expect(
      readdirSync(root)
        .filter((name) => name !== 'node_modules')
        .sort(),
    ).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'bin', 'dist', 'package.json']);
    expect(existsSync(join(root, 'dist/main.js'))).toBe(true);
    // The bundled packages' licence notices travel with their code.
    const notices = readFileSync(join(root, 'dist/THIRD-PARTY-LICENSES.md'), 'utf8');
    for (const name of ['koa', 'openid-client', 'pino', 'zod']) expect(notices).toMatch(new RegExp(`^## ${name}@\\d`, 'm'));
    // Everything else is in the bundle: none of it is installed.
    const installed = readdirSync(join(project, 'node_modules/.pnpm'));
    for (const name of ['koa@', 'openid-client@', 'pino@', 'zod@', 'kysely@', 'pg@']) {
      expect(installed.filter((entry) => entry.startsWith(name))).toEqual([]);
    }
  });

  it('sso-bff starts from .env as in production, and a user signs in over HTTP at a generic OIDC provider', async () => {
    const bff = await startBin(project);
    try {
      const providers = await fetch(`${origin}/auth/providers`);
      expect(await providers.json()).toEqual([{ id: 'oidc', name: 'Example IdP', loginUrl: `${origin}/auth/login/oidc` }]);

      // /auth/login/oidc → the IdP's sign-in and consent pages → /auth/callback/oidc → returnTo.
      const browser = new TestBrowser();
      const result = await deliver(browser, await callbackFor(browser, { origin }, { user: 'alice', returnTo: '/profile' }));
      expect(result).toMatchObject({ status: 302, location: '/profile' });
      const { status, body } = await me(browser, { origin });
      expect(status).toBe(200);
      expect(body.user).toMatchObject({ provider: 'oidc', subject: 'alice', email: 'alice@example.com' });

      const log = bff.output();
      expect(log).toContain(`loaded environment from ${join(project, '.env')}`);
      expect(log).toContain('"env":"production"');
      // No SPA unless WEB_DIST names one, and no warning about a missing one.
      expect(log).not.toContain('SPA was not found');
      // The program's plain `#!/usr/bin/env node` line passes no Node flags: the log says what is missing, once.
      expect(log.split('started without --no-memory-reducer').length - 1).toBe(1);
      expect((await fetch(`${origin}/profile`, { headers: { accept: 'text/html' } })).status).toBe(404);
      expect(existsSync(join(project, 'data/sso.sqlite'))).toBe(true);
    } finally {
      expect(await stop(bff)).toBe(0);
    }
  });

  it('serves the built SPA from WEB_DIST', async () => {
    const web = join(project, 'web');
    mkdirSync(web, { recursive: true });
    writeFileSync(join(web, 'index.html'), '<!doctype html><title>Our app</title><div id="root"></div>');
    const bff = await startBin(project, { WEB_DIST: web });
    try {
      // A client-side route of the SPA: index.html, so that a reload of a deep link works.
      const page = await fetch(`${origin}/profile`, { headers: { accept: 'text/html' } });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<title>Our app</title>');
    } finally {
      expect(await stop(bff)).toBe(0);
    }
  });

  it('refuses to start without SESSION_SECRET, since it runs as in production, and says which variable is missing', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'sso-bff-no-env-'));
    try {
      const started = spawnBin(empty, { OIDC_ISSUER: idp.issuer, OIDC_CLIENT_ID: CLIENT_ID, OIDC_CLIENT_SECRET: CLIENT_SECRET });
      const code = await within(started, 15_000, 'did not exit', started.exited).finally(() => stop(started));
      expect(code).toBe(1);
      expect(started.output()).toContain('SESSION_SECRET is required when NODE_ENV=production');
      expect(started.output()).not.toContain(CLIENT_SECRET);
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
