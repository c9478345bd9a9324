import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { demoUsers, freePort, startDevIdp, type DemoUser, type DevIdp, type DevIdpClient } from '@sso/dev-idp';
import { startServer, type RunningServer } from '../../src/index.js';

export const CLIENT_ID = 'bff-test';
export const CLIENT_SECRET = 'bff-test-secret-0123456789';
export const SESSION_SECRET = 'test-session-secret-0123456789-abcdefghij';

export interface Harness {
  idp: DevIdp;
  bff: RunningServer;
  /** PUBLIC_URL of the BFF, e.g. http://127.0.0.1:41234 */
  origin: string;
  env: Record<string, string>;
  dbDir: string;
  clock: { offsetMs: number };
  restartBff(): Promise<void>;
  close(): Promise<void>;
}

export interface HarnessOptions {
  env?: Record<string, string>;
  /** Demo users at the IdP (default: alice, bob, carol). */
  users?: DemoUser[];
  /** Extra clients to register at the IdP (they get this BFF's callback URLs). */
  extraClients?: (origin: string) => DevIdpClient[];
  /** Where the IdP sends back-channel logout tokens (default: this BFF's own receiver). */
  backchannelLogoutUri?: (origin: string) => string;
}

/**
 * The real dev IdP and the real BFF, both in-process on loopback, with a real SQLite file.
 * Nothing is mocked: the BFF discovers the IdP over HTTP and openid-client talks to it.
 */
export async function startHarness(options: HarnessOptions = {}): Promise<Harness> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const idp = await startDevIdp({
    port: 0,
    host: '127.0.0.1',
    logger: () => undefined,
    ...(options.users ? { users: options.users } : {}),
    clients: [
      {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        redirectUris: [`${origin}/auth/callback/oidc`],
        postLogoutRedirectUris: [`${origin}/login`, `${origin}/auth/logged-out`],
        backchannelLogoutUri: options.backchannelLogoutUri?.(origin) ?? `${origin}/auth/backchannel-logout/oidc`,
      },
      ...(options.extraClients?.(origin) ?? []),
    ],
  });
  const dbDir = mkdtempSync(join(tmpdir(), 'sso-bff-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: origin,
    SESSION_SECRET,
    DATABASE_URL: `sqlite:${join(dbDir, 'sso.sqlite')}`,
    OIDC_ISSUER: idp.issuer,
    OIDC_CLIENT_ID: CLIENT_ID,
    OIDC_CLIENT_SECRET: CLIENT_SECRET,
    OIDC_NAME: 'Test IdP',
    DEV_IDP: 'off',
    ...options.env,
  };
  const clock = { offsetMs: 0 };
  const start = () => startServer(env, { host: '127.0.0.1', now: () => Date.now() + clock.offsetMs });
  const harness: Harness = {
    idp,
    bff: await start(),
    origin,
    env,
    dbDir,
    clock,
    async restartBff() {
      await closeForRestart(harness.bff);
      harness.bff = await start();
    },
    async close() {
      await harness.bff.close();
      await idp.close();
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
  return harness;
}

/**
 * Two providers at the same IdP: "oidc" and "dev" (a second client). The same person signs in at
 * both with the same subject and email, which is how account linking and mix-up are tested.
 */
export async function startTwoProviderHarness(extraUsers: DemoUser[] = []): Promise<Harness> {
  const h = await startHarness({
    users: [...demoUsers, ...extraUsers],
    env: { DEV_IDP: 'on', DEV_IDP_CLIENT_ID: 'bff-test-dev', DEV_IDP_CLIENT_SECRET: CLIENT_SECRET },
    extraClients: (origin) => [{ clientId: 'bff-test-dev', clientSecret: CLIENT_SECRET, redirectUris: [`${origin}/auth/callback/dev`] }],
  });
  // The dev provider must point at the test IdP, which only exists now: restart with its issuer.
  h.env.DEV_IDP_ISSUER = h.idp.issuer;
  await h.restartBff();
  return h;
}

/**
 * Stops the BFF before a new one starts on its port, and lets the HTTP client (fetch's pool) notice
 * that its kept-alive connections were closed: reused too soon, one answers "other side closed".
 */
async function closeForRestart(bff: { close(): Promise<void> }): Promise<void> {
  await bff.close();
  await new Promise((resolve) => setTimeout(resolve, 50));
}

/** Restarts the harness's BFF at `level` with its log lines collected into `lines` (for log assertions). */
export async function restartCapturingLog(h: Harness, lines: string[], level = 'info'): Promise<void> {
  await closeForRestart(h.bff);
  h.env.LOG_LEVEL = level;
  h.bff = await startServer(h.env, {
    host: '127.0.0.1',
    now: () => Date.now() + h.clock.offsetMs,
    logDestination: { write: (line) => lines.push(line) },
  });
}
