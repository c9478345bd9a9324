#!/usr/bin/env node
// The browser tests drive a real Chromium. Playwright cannot download its own browser here, so the
// tests use the system's (Debian's `chromium` package, or CHROMIUM_PATH). This runs before
// `pnpm test`: it finds Chromium, installs it with apt-get when it is missing and we are root on
// Debian/Ubuntu, and otherwise says exactly what to do.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const path = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (existsSync(path)) process.exit(0);

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
if (!process.env.CHROMIUM_PATH && isRoot && hasApt) {
  console.log('Chromium is not installed; installing Debian\'s "chromium" package for the browser tests…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env });
  if (existsSync(path)) process.exit(0);
}
console.error(
  `The browser tests need Chromium at ${path}.\n` +
    '  Debian/Ubuntu: sudo apt-get install -y chromium\n' +
    '  Elsewhere: install Chromium or Chrome and set CHROMIUM_PATH=/path/to/chrome',
);
process.exit(1);
