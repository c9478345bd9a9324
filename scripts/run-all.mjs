#!/usr/bin/env node
// `node scripts/run-all.mjs <script> [folder…]`: that package script in every workspace package
// that has one (or in the folders named), at once, output prefixed with the folder when there are
// several. `pnpm dev` and `pnpm start` go through here because pnpm 12 reports every stop by a
// signal as a failure: `[ELIFECYCLE] Command failed` (and ERR_PNPM_RECURSIVE_RUN_FIRST_FAIL from
// `pnpm -r`), exit code 130 or 143, even when every program exits 0. So in a terminal Ctrl-C is
// read here as a key (raw mode) instead of becoming a SIGINT that pnpm would see: the programs are
// stopped, one line says so, and everything exits 0.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
// The folders pnpm-workspace.yaml lists (apps/*, packages/*, e2e).
const folders = ['apps', 'packages'].flatMap((group) =>
  readdirSync(join(root, group), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => `${group}/${entry.name}`),
);

const [scriptName = 'dev', ...only] = process.argv.slice(2);
const jobs = (only.length ? only : folders)
  .map((folder) => {
    const file = join(root, folder, 'package.json');
    if (!existsSync(file)) return null;
    const script = JSON.parse(readFileSync(file, 'utf8')).scripts?.[scriptName];
    return typeof script === 'string' ? { folder, script } : null;
  })
  .filter((job) => job !== null);
if (jobs.length === 0) {
  console.error(`no workspace package has a "${scriptName}" script${only.length ? ` in ${only.join(', ')}` : ''}`);
  process.exit(1);
}
const label = `pnpm ${scriptName}`;
const prefix = (folder) => (jobs.length > 1 ? `${folder} ${scriptName}: ` : '');

let stopping = false;
let failed = false;
const running = new Set();

for (const { folder, script } of jobs) {
  const cwd = join(root, folder);
  // What pnpm puts on the PATH for a script: the package's own bins, then the workspace's.
  const path = [join(cwd, 'node_modules', '.bin'), join(root, 'node_modules', '.bin'), process.env.PATH].join(delimiter);
  // No stdin for the programs: in a terminal this script reads the keys (Ctrl-C) itself.
  // Each in its own process group, so that stopping reaches the program behind `sh` (and what it
  // started, such as tsx watch's child) and not only the shell.
  const child = spawn('sh', ['-c', script], {
    cwd,
    env: { ...process.env, PATH: path },
    stdio: ['ignore', 'pipe', 'pipe'],
    detached: true,
  });
  running.add(child);
  for (const stream of [child.stdout, child.stderr]) {
    createInterface({ input: stream }).on('line', (line) => process.stdout.write(`${prefix(folder)}${line}\n`));
  }
  child.on('exit', (code, signal) => {
    if (!stopping) {
      // Something stopped on its own (a port in use, a crash at start-up): say which, stop the rest.
      failed = true;
      console.error(`${folder} ${scriptName}: stopped unexpectedly (${signal ?? `exit code ${code}`}); stopping the others`);
      stop('SIGTERM');
    }
  });
}

/** Sends `signal` to a child's whole process group; false once the group is gone. */
function signalGroup(child, signal) {
  try {
    process.kill(-child.pid, signal);
    return true;
  } catch {
    return false;
  }
}

function stop(signal) {
  if (stopping) return;
  stopping = true;
  for (const child of running) signalGroup(child, signal);
  const started = Date.now();
  // Done when every group is empty; a program that ignores the request gets SIGKILL after 5 s.
  const poll = setInterval(() => {
    for (const child of running) {
      if (!signalGroup(child, Date.now() - started > 5000 ? 'SIGKILL' : 0)) running.delete(child);
    }
    if (running.size > 0) return;
    clearInterval(poll);
    if (process.stdin.isTTY) process.stdin.setRawMode(false);
    console.log(failed ? `${label}: stopped after a failure (see above)` : `${label}: stopped`);
    process.exit(failed ? 1 : 0);
  }, 100);
}

process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));

// In a terminal, Ctrl-C (and Ctrl-D) arrive here as keys: raw mode keeps the terminal from
// turning Ctrl-C into a SIGINT for the whole foreground group, pnpm included.
if (process.stdin.isTTY) {
  process.stdin.setRawMode(true);
  process.stdin.on('data', (key) => {
    const text = key.toString('utf8');
    if (text.includes('\u0003') || text.includes('\u0004')) {
      process.stdout.write('\n');
      stop('SIGINT');
    } else if (text === '\r') {
      // Raw mode shows no echo; Enter still makes room, as people press it to separate output.
      process.stdout.write('\n');
    }
  });
}
