import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startFakeFacebook, startFakeGitHub, startFakeGoogle, startFakeSimpleLogin, type FakeServer } from '@sso/dev-idp';
import { startServer, type RunningServer } from '../../src/index.js';
import { SESSION_SECRET } from './harness.js';

export type FakeId = 'facebook' | 'github' | 'simplelogin' | 'google';

/** Client credentials registered at each fake. SimpleLogin's id contains "-" on purpose (its Basic-auth quirk). */
export const FAKE_CLIENTS: Record<FakeId, { clientId: string; clientSecret: string }> = {
  facebook: { clientId: '4455667788990011', clientSecret: 'fb-test-secret' },
  github: { clientId: 'Iv1.testclient', clientSecret: 'gh-test-secret' },
  simplelogin: { clientId: 'my-app-test-simplelogin', clientSecret: 'sl-test-secret' },
  google: { clientId: 'test-client.apps.googleusercontent.com', clientSecret: 'google-test-secret' },
};

export interface ProvidersHarness {
  origin: string;
  fakes: Record<FakeId, FakeServer>;
  bff: RunningServer;
  env: Record<string, string>;
  close(): Promise<void>;
}

/**
 * The BFF with all four real-world providers enabled, each pointed at its local fake through the
 * same variables a deployment would use to override base URLs.
 */
export async function startProvidersHarness(
  options: { legacyFacebook?: boolean; env?: Record<string, string> } = {},
): Promise<ProvidersHarness> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const client = (id: FakeId) => ({ ...FAKE_CLIENTS[id], redirectUris: [`${origin}/auth/callback/${id}`] });
  const [facebook, github, simplelogin, google] = await Promise.all([
    startFakeFacebook({ client: client('facebook'), legacyTokenFormat: options.legacyFacebook ?? false }),
    startFakeGitHub({ client: client('github') }),
    startFakeSimpleLogin({ client: client('simplelogin') }),
    startFakeGoogle({ client: client('google') }),
  ]);
  const fakes = { facebook, github, simplelogin, google };
  const dir = mkdtempSync(join(tmpdir(), 'sso-providers-'));
  const env: Record<string, string> = {
    NODE_ENV: 'test',
    PORT: String(port),
    PUBLIC_URL: origin,
    SESSION_SECRET,
    DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
    DEV_IDP: 'off',
    SIMPLELOGIN_CLIENT_ID: FAKE_CLIENTS.simplelogin.clientId,
    SIMPLELOGIN_CLIENT_SECRET: FAKE_CLIENTS.simplelogin.clientSecret,
    SIMPLELOGIN_ISSUER: simplelogin.url,
    GOOGLE_CLIENT_ID: FAKE_CLIENTS.google.clientId,
    GOOGLE_CLIENT_SECRET: FAKE_CLIENTS.google.clientSecret,
    GOOGLE_ISSUER: google.url,
    GITHUB_CLIENT_ID: FAKE_CLIENTS.github.clientId,
    GITHUB_CLIENT_SECRET: FAKE_CLIENTS.github.clientSecret,
    GITHUB_URL: github.url,
    GITHUB_API_URL: github.url,
    FACEBOOK_CLIENT_ID: FAKE_CLIENTS.facebook.clientId,
    FACEBOOK_CLIENT_SECRET: FAKE_CLIENTS.facebook.clientSecret,
    FACEBOOK_DIALOG_URL: facebook.url,
    FACEBOOK_GRAPH_URL: facebook.url,
    ...options.env,
  };
  const bff = await startServer(env, { host: '127.0.0.1' });
  return {
    origin,
    fakes,
    bff,
    env,
    async close() {
      await bff.close();
      await Promise.all(Object.values(fakes).map((f) => f.close()));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
