#!/usr/bin/env node
// Installs the workspace's dependencies. better-sqlite3 compiles from source where no prebuilt
// binary can be downloaded, and node-gyp then needs Node's headers: it would fetch them from the
// internet, so point it at the headers that ship with this Node installation when they exist.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

const prefix = dirname(dirname(process.execPath));
const env = { ...process.env };
if (!env.npm_config_nodedir && existsSync(join(prefix, 'include', 'node', 'node.h'))) {
  env.npm_config_nodedir = prefix;
}
const args = ['install', ...process.argv.slice(2)];
const result = spawnSync('pnpm', args, { stdio: 'inherit', env });
process.exit(result.status ?? 1);
