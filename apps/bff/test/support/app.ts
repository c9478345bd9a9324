import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inject, type InjectOptions, type Response } from 'light-my-request';
import { MockAgent } from 'undici';
import { createApp, loadConfig, openStore } from '../../src/index.js';
import type { Deps } from '../../src/deps.js';
import { createLoggers } from '../../src/logger.js';
import { Metrics } from '../../src/metrics/metrics.js';
import { createProviders } from '../../src/providers/registry.js';
import { useProviderDispatcher } from '../../src/providers/transport.js';
import { SESSION_SECRET } from './harness.js';

/** What {@link startApp} builds: the app's request handler, driven in memory. */
export interface TestApp {
  /** One request through `app.callback()`: no socket, no port. */
  request(options: InjectOptions | string): Promise<Response>;
  deps: Deps;
  /** Every log line the app wrote, parsed. */
  logged(): Record<string, unknown>[];
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Added to (or replacing) the default environment. */
  env?: Record<string, string>;
  /** The built SPA to serve. */
  webDist?: string;
  /** The app's clock (default Date.now). */
  now?: () => number;
}

/**
 * The real app over a real SQLite file, with an OIDC provider configured but never reachable:
 * provider calls go to an undici MockAgent that refuses every connection, so a test of this tier
 * that reached a provider fails loudly instead of quietly needing one.
 */
export async function startApp(options: TestAppOptions = {}): Promise<TestApp> {
  const dbDir = mkdtempSync(join(tmpdir(), 'sso-http-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: '0',
    PUBLIC_URL: 'http://127.0.0.1:8787',
    SESSION_SECRET,
    DATABASE_URL: `sqlite:${join(dbDir, 'sso.sqlite')}`,
    OIDC_ISSUER: 'http://127.0.0.1:9',
    OIDC_CLIENT_ID: 'bff-test',
    OIDC_CLIENT_SECRET: 'bff-test-secret-0123456789',
    OIDC_NAME: 'Test IdP',
    DEV_IDP: 'off',
    ...options.env,
  };
  const config = loadConfig(env);
  const lines: string[] = [];
  const { logger, access } = createLoggers(config.logLevel, { write: (line: string) => void lines.push(line) });
  const store = await openStore(config.database, { logger });
  const now = options.now ?? Date.now;
  const noNetwork = new MockAgent();
  noNetwork.disableNetConnect();
  const restore = useProviderDispatcher(noNetwork);
  const providers = createProviders(config.providers, logger, (key, expiresAt) => store.replays.claim(key, expiresAt, now()), now);
  const deps: Deps = { config, store, logger, accessLog: access, metrics: new Metrics(), providers, now };
  const handler = createApp(deps, { webDist: options.webDist }).callback();
  return {
    deps,
    // Koa's callback never rejects (it answers every error itself): nothing to wait for but the answer.
    request: (request) => inject((req, res) => void handler(req, res), request),
    logged: () => lines.flatMap((l) => l.split('\n').filter(Boolean)).map((l) => JSON.parse(l) as Record<string, unknown>),
    async close() {
      restore();
      await noNetwork.close();
      await store.close();
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}
