import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Runs scripts/run-all.mjs (what `pnpm dev`, `pnpm start` and `pnpm dev-idp` run) until `ready` shows, then stops it. */
async function runAndStop(args: string[], ready: RegExp, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [join(root, 'scripts', 'run-all.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, DEV_IDP_PORT: '0', DEV_IDP_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.on('exit', (code, sig) => resolve({ code, signal: sig })),
  );
  const deadline = Date.now() + 30_000;
  while (!ready.test(output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(output).toMatch(ready);
  child.kill(signal);
  return { ...(await exited), output };
}

describe('stopping the development commands', () => {
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`a ${signal} stops every program, prints one calm line and exits 0`, async () => {
      const { code, output } = await runAndStop(['start', 'packages/dev-idp'], /\[dev-idp\] issuer/, signal);
      expect(code).toBe(0);
      expect(output.trim().split('\n').at(-1)).toBe('pnpm start: stopped');
      expect(output).not.toMatch(/ELIFECYCLE|ERR_PNPM|failed/i);
    });
  }

  it('a program that stops on its own is named, and the command fails', async () => {
    const child = spawn(process.execPath, [join(root, 'scripts', 'run-all.mjs'), 'start', 'packages/dev-idp'], {
      cwd: root,
      // The dev IdP refuses to run in production: it exits at once.
      env: { ...process.env, NODE_ENV: 'production', DEV_IDP_PORT: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(1);
    expect(output).toMatch(/packages\/dev-idp start: stopped unexpectedly \(exit code 1\)/);
    expect(output).toMatch(/stopped after a failure/);
  });
});
