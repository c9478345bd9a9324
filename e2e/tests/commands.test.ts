import { spawn } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Starts scripts/run-all.mjs (what `pnpm dev`, `pnpm start` and `pnpm dev-idp` run), collecting its output. */
function runAll(args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [join(root, 'scripts', 'run-all.mjs'), ...args], {
    cwd: root,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const result = { child, output: '' };
  child.stdout.on('data', (chunk: Buffer) => (result.output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (result.output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return { result, exited };
}

/** Runs it until `ready` shows, then stops it with `signal`. */
async function runAndStop(args: string[], ready: RegExp, signal: NodeJS.Signals) {
  const { result, exited } = runAll(args, { DEV_IDP_PORT: '0', DEV_IDP_HOST: '127.0.0.1' });
  const deadline = Date.now() + 30_000;
  while (!ready.test(result.output) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(result.output).toMatch(ready);
  result.child.kill(signal);
  return { code: await exited, output: result.output };
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
    // The dev IdP refuses to run in production: it exits at once.
    const { result, exited } = runAll(['start', 'packages/dev-idp'], { NODE_ENV: 'production', DEV_IDP_PORT: '0' });
    const code = await exited;
    const output = result.output;
    expect(code).toBe(1);
    expect(output).toMatch(/packages\/dev-idp start: stopped unexpectedly \(exit code 1\)/);
    expect(output).toMatch(/stopped after a failure/);
  });
});
