import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { missingNodeFlags, NODE_FLAGS } from '../../src/nodeFlags.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { scripts: Record<string, string> };

describe('the Node flags of the production server', () => {
  it('are the ones `pnpm start` passes, before the script', () => {
    const start = packageJson.scripts.start!;
    const script = start.indexOf('dist/main.js');
    expect(script).toBeGreaterThan(0);
    for (const flag of NODE_FLAGS) {
      const at = start.indexOf(` ${flag} `);
      expect(at, `${flag} in "${start}"`).toBeGreaterThan(0);
      expect(at).toBeLessThan(script);
    }
  });

  // The script comes on standard input, so that execArgv holds the flags alone.
  const runNode = (flags: readonly string[]) =>
    spawnSync(process.execPath, [...flags, '-'], { input: 'process.stdout.write(process.execArgv.join(" "))', encoding: 'utf8' });

  it('are accepted by this Node (an unknown V8 flag would stop the start)', () => {
    const run = runNode(NODE_FLAGS);
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    expect(run.stdout).toBe(NODE_FLAGS.join(' '));
    // What the check above would see if a Node version dropped the flag.
    const unknown = runNode(['--no-such-v8-flag-here']);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/bad option/);
  });
});

describe('missingNodeFlags', () => {
  it('names each flag the command line lacks, whichever way V8 would read it', () => {
    expect(missingNodeFlags([])).toEqual([...NODE_FLAGS]);
    expect(missingNodeFlags(['--inspect', '--max-old-space-size=512'])).toEqual([...NODE_FLAGS]);
    expect(missingNodeFlags([...NODE_FLAGS])).toEqual([]);
    expect(missingNodeFlags(['--no_memory_reducer'])).toEqual([]);
    expect(missingNodeFlags(['--memory-reducer'])).toEqual(['--no-memory-reducer']);
  });
});
