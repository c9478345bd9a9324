// Packing workspace packages and installing the tarballs into a project outside the workspace, the
// way a user of the published packages gets them.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';

const exec = promisify(execFile);

export const workspaceRoot = new URL('../../../../', import.meta.url).pathname;

/**
 * The environment for pnpm and node outside the workspace: without the `npm_*` variables a pnpm
 * script run sets (they would carry this workspace's settings), and with Node's own headers for a
 * native build, as scripts/bootstrap.mjs does.
 */
export function outsideEnv(): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([key]) => !/^npm_/i.test(key) || key === 'npm_config_nodedir'));
  const prefix = dirname(dirname(process.execPath));
  if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h'))) env.npm_config_nodedir = prefix;
  return env;
}

/** Runs a command; a failure carries its output, so the test report says what went wrong. */
export async function run(command: string, args: string[], cwd: string): Promise<string> {
  try {
    const { stdout } = await exec(command, args, { cwd, env: outsideEnv(), maxBuffer: 16 * 1024 * 1024 });
    return stdout;
  } catch (err) {
    const { stdout = '', stderr = '' } = err as { stdout?: string; stderr?: string };
    throw new Error(`${command} ${args.join(' ')} failed in ${cwd}:\n${stdout}\n${stderr}`, { cause: err });
  }
}

/** `pnpm pack` (its prepack builds dist/) of the package in `dir`; the tarball's path. */
export async function pack(dir: string, destination: string): Promise<string> {
  const before = new Set(readdirSync(destination));
  await run('pnpm', ['pack', '--pack-destination', destination], join(workspaceRoot, dir));
  const created = readdirSync(destination).filter((name) => name.endsWith('.tgz') && !before.has(name));
  if (created.length !== 1) throw new Error(`pnpm pack in ${dir} made ${created.length} tarballs`);
  return join(destination, created[0]!);
}

/**
 * The workspace's pnpm store: installs outside the workspace reuse what is already there (and its built
 * native modules). The installs pass `--prefer-offline` too: the store's cached metadata answers, so a
 * registry that hiccups during the test run cannot fail a hook that only repeats what bootstrap fetched.
 */
export async function storeDir(): Promise<string> {
  return (await run('pnpm', ['store', 'path'], workspaceRoot)).trim();
}

/** A fresh project under the system's temporary folder, far from the workspace (no pnpm-workspace.yaml above it). */
export function tempProject(prefix: string, workspaceYaml = ''): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'outside-the-workspace', private: true, type: 'module' }, null, 2));
  // Its own pnpm-workspace.yaml makes it a root of its own, for the settings below.
  writeFileSync(join(dir, 'pnpm-workspace.yaml'), workspaceYaml);
  return dir;
}

/** The version of `name` the workspace package in `fromDir` depends on, so the outside project takes that one (already in the store). */
export function installedVersion(name: string, fromDir: string): string {
  return (JSON.parse(readFileSync(join(workspaceRoot, fromDir, 'node_modules', name, 'package.json'), 'utf8')) as { version: string })
    .version;
}
