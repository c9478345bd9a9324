import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = fileURLToPath(new URL('..', import.meta.url));

/** oidc-provider's own start-up warning on Node < 22 (see README, "Node 20"); not ours to silence. */
const RUNTIME_WARNING = /^oidc-provider WARNING: Unsupported runtime\b/;

interface Run {
  stdout: string;
  stderr: string;
  code: number | null;
}

/**
 * Runs `src/main.ts` as `pnpm dev` does (through tsx), on a free loopback port, with no DEV_* variables
 * from the outside; once it has printed `ready`, sends `signal`.
 */
function runMain(env: Record<string, string>, signal?: NodeJS.Signals, ready = 'issuer '): Promise<Run> {
  const inherited = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('DEV_')));
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: packageDir,
    env: { ...inherited, DEV_IDP_PORT: '0', DEV_IDP_HOST: '127.0.0.1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run: Run = { stdout: '', stderr: '', code: null };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    run.stdout += chunk;
    if (signal && run.stdout.includes(ready)) child.kill(signal);
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (run.stderr += chunk));
  // Never leave a Dev IdP running behind a failed test.
  const deadline = setTimeout(() => child.kill('SIGKILL'), 20_000);
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('exit', (code) => {
      clearTimeout(deadline);
      run.code = code;
      resolve(run);
    });
  });
}

const lines = (text: string) => text.split('\n').filter(Boolean);

describe('main.ts (the standalone Dev IdP of pnpm dev)', () => {
  it.each(['SIGINT', 'SIGTERM'] as const)(
    'stops on %s, even right after the start-up line, with exit code 0 and one calm line, "[dev-idp] stopped"',
    async (signal) => {
      const { stdout, stderr, code } = await runMain({}, signal);
      expect(code).toBe(0);
      const out = lines(stdout);
      expect(out).toHaveLength(2);
      expect(out[0]).toMatch(/^\[dev-idp\] issuer http:\/\/127\.0\.0\.1:\d+ · client_id sso-dev /);
      expect(out[1]).toBe('[dev-idp] stopped');
      expect(lines(stderr).filter((line) => !RUNTIME_WARNING.test(line))).toEqual([]);
    },
    30_000,
  );

  it('refuses a bad variable with one line naming it and exit code 1', async () => {
    const { stdout, stderr, code } = await runMain({ DEV_IDP_BACKCHANNEL_LOGOUT_URI: 'nope' });
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(lines(stderr).filter((line) => !RUNTIME_WARNING.test(line))).toEqual([
      '[dev-idp] DEV_IDP_BACKCHANNEL_LOGOUT_URI must be one absolute http(s) URL without a #fragment, or "off"; "nope" is not',
    ]);
  }, 30_000);
});
