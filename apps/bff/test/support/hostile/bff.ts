import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { freePort } from '@sso/dev-idp';
import { startServer, type RunningServer } from '../../../src/index.js';
import { me, sessionCookieSet } from '../../integration/flow.js';
import { TestBrowser } from '../browser.js';
import { CLIENT_ID, CLIENT_SECRET, SESSION_SECRET } from '../harness.js';
import { startHostileIdp, type HostileIdp, type HostileIdpOptions } from './idp.js';

/** The real BFF (in-process, real SQLite, openid-client unmocked) with the hostile provider as its only OIDC provider. */
export interface HostileHarness {
  idp: HostileIdp;
  bff: RunningServer;
  origin: string;
  /** The BFF's log lines (debug level), for the "never log a token" check. */
  logs: string[];
  /** One whole sign-in by a fresh browser, stopped nowhere: the BFF's last answer. */
  attempt(): Promise<Attempt>;
  close(): Promise<void>;
}

export interface Attempt {
  /** Where the sign-in ended: the BFF's redirect after the callback (or after /auth/login, if it never left). */
  location: string | null;
  status: number;
  /** Whether the BFF set a session cookie on its last answer. */
  sessionCookie: boolean;
  /** GET /auth/me afterwards in the same browser. */
  me: Awaited<ReturnType<typeof me>>;
}

export async function startHostileHarness(
  options: { metadata?: HostileIdpOptions['metadata']; env?: Record<string, string> } = {},
): Promise<HostileHarness> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const idp = await startHostileIdp({
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [`${origin}/auth/callback/oidc`],
    ...(options.metadata ? { metadata: options.metadata } : {}),
  });
  const dbDir = mkdtempSync(join(tmpdir(), 'sso-hostile-'));
  const logs: string[] = [];
  const bff = await startServer(
    {
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: origin,
      SESSION_SECRET,
      DATABASE_URL: `sqlite:${join(dbDir, 'sso.sqlite')}`,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: 'Hostile IdP',
      DEV_IDP: 'off',
      LOG_LEVEL: 'debug',
      // Short, so that the hanging token endpoint costs the suite two seconds, not ten.
      PROVIDER_TIMEOUT: '2',
      ...options.env,
    },
    { host: '127.0.0.1', logDestination: { write: (line) => logs.push(line) } },
  );

  async function attempt(): Promise<Attempt> {
    const browser = new TestBrowser();
    let answer = await browser.request(`${origin}/auth/login/oidc`);
    await answer.arrayBuffer();
    const authorize = answer.headers.get('location') ?? '';
    if (authorize.startsWith(`${idp.issuer}/`)) {
      const back = await browser.request(authorize);
      await back.arrayBuffer();
      expect(back.status, 'the hostile authorize endpoint redirects straight back').toBe(302);
      const callback = new URL(back.headers.get('location')!);
      expect(callback.origin).toBe(origin);
      answer = await browser.request(callback);
      await answer.arrayBuffer();
    }
    return {
      status: answer.status,
      location: answer.headers.get('location'),
      sessionCookie: sessionCookieSet(answer.headers.getSetCookie()),
      me: await me(browser, { origin }),
    };
  }

  return {
    idp,
    bff,
    origin,
    logs,
    attempt,
    async close() {
      await bff.close();
      await idp.close();
      rmSync(dbDir, { recursive: true, force: true });
    },
  };
}

/** The sign-in ended on the sign-in page with `code`, no session cookie was set, and the browser is not signed in. */
export function expectRefused(attempt: Attempt, code: string): void {
  expect(attempt.location).toBe(`/login?error=${code}`);
  expect(attempt.status).toBe(302);
  expect(attempt.sessionCookie).toBe(false);
  expect(attempt.me.status).toBe(401);
}

/** No code, token or secret the provider handed out appears in any log line (then forgets the lines). */
export function expectLogsClean(h: HostileHarness): void {
  const secrets = [...h.idp.minted, CLIENT_SECRET];
  const leaked = h.logs.filter((line) => secrets.some((secret) => line.includes(secret)));
  expect(leaked.map((line) => line.slice(0, 300))).toEqual([]);
  h.logs.length = 0;
}

/**
 * One hostile harness for a whole test file: started before the first test, the provider's script
 * reset before each, the log checked for secrets after each, closed after the last.
 */
export function useHostileHarness(started: (h: HostileHarness) => void): void {
  let h: HostileHarness | undefined;
  beforeAll(async () => {
    h = await startHostileHarness();
    started(h);
  });
  beforeEach(() => h!.idp.reset());
  afterEach(() => expectLogsClean(h!));
  afterAll(async () => {
    await h?.close();
  });
}
