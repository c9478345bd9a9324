import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startServer, type RunningServer } from '@sso/bff';
import {
  freePort,
  startDevIdp,
  startFakeFacebook,
  startFakeGitHub,
  startFakeGoogle,
  startFakeSimpleLogin,
  type DevIdp,
  type FakeServer,
} from '@sso/dev-idp';
import { startDemoApi } from '@sso/demo-api';
import { defaultResourceServer } from '@sso/dev-idp';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const webDist = join(root, 'apps', 'web', 'dist');
export const screenshotDir = process.env.UPDATE_SCREENSHOTS ? join(root, 'docs') : join(root, 'test-results');

export interface Stack {
  idp: DevIdp;
  /** Local fakes of the providers we cannot reach from here, as faithful as PROVIDERS.md. */
  fakes: Record<'facebook' | 'github' | 'simplelogin' | 'google', FakeServer>;
  bff: RunningServer;
  /** What the browser opens: the BFF in production mode serving the built SPA. */
  origin: string;
  browser: Browser;
  close(): Promise<void>;
}

export interface StackOptions {
  /** Extra BFF environment (e.g. FRONTEND_ORIGINS), applied over the defaults below. */
  bffEnv?: Record<string, string>;
}

/**
 * The product as `pnpm build && pnpm start` runs it (NODE_ENV=production, one Koa process serving
 * the built SPA and the API), signing in at the real dev IdP, in Debian's Chromium. The app is on
 * "localhost" and the IdP on "127.0.0.1": different sites, as a real provider would be, so the
 * SameSite rules are exercised for real.
 */
export async function startStack(options: StackOptions = {}): Promise<Stack> {
  if (!existsSync(join(webDist, 'index.html'))) {
    throw new Error(`The built SPA is missing at ${webDist}: run \`pnpm --filter @sso/web build\` (pnpm test does it first).`);
  }
  const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: apt-get install -y chromium, or set CHROMIUM_PATH.`);
  }
  const port = await freePort();
  const origin = `http://localhost:${port}`;
  const idp = await startDevIdp({
    port: 0,
    host: '127.0.0.1',
    logger: () => undefined,
    clients: [
      {
        clientId: 'e2e',
        clientName: 'SSO Demo',
        clientSecret: 'e2e-secret-0123456789abcdef',
        redirectUris: [`${origin}/auth/callback/oidc`],
        postLogoutRedirectUris: [`${origin}/login`, `${origin}/auth/logged-out`],
      },
    ],
  });
  const fakeClient = (id: string) => ({
    clientId: `e2e-${id}-client`,
    clientSecret: `e2e-${id}-secret`,
    redirectUris: [`${origin}/auth/callback/${id}`],
  });
  const [facebook, github, simplelogin, google] = await Promise.all([
    startFakeFacebook({ client: fakeClient('facebook') }),
    startFakeGitHub({ client: fakeClient('github') }),
    startFakeSimpleLogin({ client: fakeClient('simplelogin') }),
    startFakeGoogle({ client: fakeClient('google') }),
  ]);
  const fakes = { facebook, github, simplelogin, google };
  const fakeEnv = (id: string, prefix: string) => ({
    [`${prefix}_CLIENT_ID`]: `e2e-${id}-client`,
    [`${prefix}_CLIENT_SECRET`]: `e2e-${id}-secret`,
  });
  // The demo upstream API behind the BFF's proxy, checking tokens at the dev IdP.
  const demoApiPort = await freePort();
  const demoApi = await startDemoApi({
    port: demoApiPort,
    host: '127.0.0.1',
    issuer: idp.issuer,
    clientId: defaultResourceServer.clientId,
    clientSecret: defaultResourceServer.clientSecret,
    logger: () => undefined,
  });
  const dataDir = mkdtempSync(join(tmpdir(), 'sso-e2e-'));
  const bff = await startServer(
    {
      NODE_ENV: 'production',
      LOG_LEVEL: 'error',
      PORT: String(port),
      PUBLIC_URL: origin,
      SESSION_SECRET: 'e2e-session-secret-0123456789-abcdefghijklmnop',
      DATABASE_URL: `sqlite:${join(dataDir, 'sso.sqlite')}`,
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: 'e2e',
      OIDC_CLIENT_SECRET: 'e2e-secret-0123456789abcdef',
      OIDC_NAME: 'Dev IdP',
      ...fakeEnv('facebook', 'FACEBOOK'),
      FACEBOOK_DIALOG_URL: facebook.url,
      FACEBOOK_GRAPH_URL: facebook.url,
      ...fakeEnv('github', 'GITHUB'),
      GITHUB_URL: github.url,
      GITHUB_API_URL: github.url,
      ...fakeEnv('simplelogin', 'SIMPLELOGIN'),
      SIMPLELOGIN_ISSUER: simplelogin.url,
      ...fakeEnv('google', 'GOOGLE'),
      GOOGLE_ISSUER: google.url,
      // The demo API checks tokens at the dev IdP: only its sessions can use it.
      API_ROUTES: `/api/demo=http://127.0.0.1:${demoApiPort}/api/demo|GET,POST|providers=oidc`,
      ...options.bffEnv,
    },
    { host: '127.0.0.1', webDist },
  );
  const browser = await chromium.launch({
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  mkdirSync(screenshotDir, { recursive: true });
  return {
    idp,
    fakes,
    bff,
    origin,
    browser,
    async close() {
      await browser.close();
      await bff.close();
      await demoApi.close();
      await idp.close();
      await Promise.all(Object.values(fakes).map((f) => f.close()));
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts the stack before a test file's tests and stops it after them; returns a getter, since
 * the stack exists only once beforeAll has run.
 */
export function useStack(options: StackOptions = {}): () => Stack {
  let stack: Stack | undefined;
  beforeAll(async () => {
    stack = await startStack(options);
  });
  afterAll(async () => {
    await stack?.close();
  });
  return () => {
    if (!stack) throw new Error('the stack is not started yet');
    return stack;
  };
}
