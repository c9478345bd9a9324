import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Pinning } from './pinning.js';
import { startServerProcess, type ServerProcess } from './serverProcess.js';

const bffDir = fileURLToPath(new URL('..', import.meta.url));
const webDist = fileURLToPath(new URL('../../web/dist', import.meta.url));
/** The production build (`pnpm --filter @sso/bff build`), which `pnpm bench` makes first. */
export const BFF_MAIN = join(bffDir, 'dist', 'main.js');

export interface BffProcessOptions {
  name: string;
  port: number;
  issuer: string;
  clientId: string;
  clientSecret: string;
  sessionSecret: string;
  /** DATABASE_URL: sqlite:<file> or postgres://… */
  databaseUrl: string;
  /** A scratch directory (ENV_FILE points into it so no stray `.env` is read). */
  tmpDir: string;
  pinning: Pinning;
  /** How often to poll /healthz during start-up, ms (the start-up figure polls every 5 ms). */
  pollMs?: number;
  /** Node options before the script, e.g. `--cpu-prof` to profile a run (never in `pnpm bench`'s figures). */
  nodeArgs?: string[];
}

export interface BffProcess extends ServerProcess {
  /** PUBLIC_URL, e.g. http://127.0.0.1:41234 */
  origin: string;
  /** Whether apps/web/dist was found and passed as WEB_DIST. */
  servesSpa: boolean;
}

/** Starts the production build (`node --no-memory-reducer dist/main.js`, NODE_ENV=production) on the server core, and waits for GET /healthz. */
export async function startBffProcess(options: BffProcessOptions): Promise<BffProcess> {
  if (!existsSync(BFF_MAIN)) throw new Error(`${BFF_MAIN} is missing: run \`pnpm --filter @sso/bff build\` (the root \`pnpm bench\` does)`);
  const origin = `http://127.0.0.1:${options.port}`;
  const servesSpa = existsSync(join(webDist, 'index.html'));
  // A clean environment: only what the bench means, nothing from the caller's shell or a `.env`.
  // LOG_LEVEL is left at its default (info: one line per request), as in a real deployment.
  const env: Record<string, string> = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: process.env.HOME ?? options.tmpDir,
    NODE_ENV: 'production',
    PORT: String(options.port),
    HOST: '127.0.0.1',
    PUBLIC_URL: origin,
    SESSION_SECRET: options.sessionSecret,
    DATABASE_URL: options.databaseUrl,
    OIDC_ISSUER: options.issuer,
    OIDC_CLIENT_ID: options.clientId,
    OIDC_CLIENT_SECRET: options.clientSecret,
    OIDC_NAME: 'Bench OP',
    ENV_FILE: join(options.tmpDir, 'no-such.env'),
    // Every simulated user signs in from one loopback address: the bench measures the BFF, not its limits.
    RATE_LIMIT: 'off',
    ...(servesSpa ? { WEB_DIST: webDist } : {}),
  };
  const server = await startServerProcess({
    name: options.name,
    // startServerProcess puts the flags of `pnpm start` (src/nodeFlags.ts) first.
    args: [...(options.nodeArgs ?? []), 'dist/main.js'],
    cwd: bffDir,
    env,
    readyUrl: `${origin}/healthz`,
    pollMs: options.pollMs,
    pinning: options.pinning,
  });
  return { ...server, origin, servesSpa };
}
