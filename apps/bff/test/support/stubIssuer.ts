import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type JWK } from 'jose';
import { freePort } from '@sso/dev-idp';
import { startServer, type RunningServer } from '../../src/index.js';
import { startAnswering, type Handler } from './answers.js';
import type { TestBrowser } from './browser.js';
import { SESSION_SECRET } from './harness.js';

export const STUB_CLIENT = { clientId: 'stub-client', clientSecret: 'stub-client-secret-0123456789' };

const json =
  (body: unknown): Handler =>
  (_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(body));
  };

export interface StubIssuer {
  /** The issuer identifier, http://127.0.0.1:port, no trailing slash. */
  url: string;
  /** Handlers by path (`/.well-known/openid-configuration`, `/jwks`, `/token`, `/userinfo`); tests replace them. */
  routes: Record<string, Handler>;
  /** Every path asked for, in order. */
  seen: string[];
  jwks: { keys: JWK[] };
  /** The nonce the next ID token carries (the test copies it from the authorization request). */
  nonce: string | undefined;
  /** A valid token endpoint answer: an ID token signed by the stub's key, plus `extra` fields. */
  tokenAnswer(extra?: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** A JWT signed by the stub's key with these claims and header type. */
  sign(claims: Record<string, unknown>, typ?: string): Promise<string>;
  /** Puts the default handlers back. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A small OpenID Provider over real HTTP whose every endpoint a test can replace: discovery, JWKS,
 * token and userinfo. The authorization endpoint is never visited: a test takes the state and
 * nonce from the BFF's redirect and delivers the callback itself, so that only the provider's
 * back-channel answers are under test. (The dev IdP stays the provider of every happy path.)
 */
export async function startStubIssuer(): Promise<StubIssuer> {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'stub-1', alg: 'RS256', use: 'sig' };
  const server = await startAnswering();
  const url = server.url;
  const jwks = { keys: [jwk] };
  const sign = (claims: Record<string, unknown>, typ = 'JWT') =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'stub-1', typ }).sign(privateKey);

  const stub: StubIssuer = {
    url,
    routes: server.routes,
    seen: server.seen,
    jwks,
    nonce: undefined,
    async tokenAnswer(extra = {}) {
      const now = Math.floor(Date.now() / 1000);
      const idToken = await sign({
        iss: url,
        aud: STUB_CLIENT.clientId,
        sub: 'stub-user',
        iat: now,
        exp: now + 300,
        ...(stub.nonce ? { nonce: stub.nonce } : {}),
        name: 'Stub User',
      });
      return { access_token: 'stub-access-token', token_type: 'Bearer', expires_in: 300, id_token: idToken, ...extra };
    },
    sign,
    reset() {
      for (const key of Object.keys(server.routes)) delete server.routes[key];
      Object.assign(server.routes, {
        '/.well-known/openid-configuration': json({
          issuer: url,
          authorization_endpoint: `${url}/authorize`,
          token_endpoint: `${url}/token`,
          userinfo_endpoint: `${url}/userinfo`,
          jwks_uri: `${url}/jwks`,
          response_types_supported: ['code'],
          subject_types_supported: ['public'],
          id_token_signing_alg_values_supported: ['RS256'],
          token_endpoint_auth_methods_supported: ['client_secret_post'],
          backchannel_logout_supported: true,
        }),
        '/jwks': json(jwks),
        '/token': async (req, res) => {
          req.resume();
          await json(await stub.tokenAnswer())(req, res);
        },
        '/userinfo': json({ sub: 'stub-user', name: 'Stub User' }),
      } satisfies Record<string, Handler>);
    },
    close: () => server.close(),
  };
  stub.reset();
  return stub;
}

/** The BFF with one OIDC provider, `oidc`, at the stub. */
export async function startBffAtStub(
  stub: StubIssuer,
  env: Record<string, string> = {},
): Promise<{ origin: string; bff: RunningServer; close(): Promise<void> }> {
  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'sso-stub-'));
  const bff = await startServer(
    {
      NODE_ENV: 'test',
      PORT: String(port),
      PUBLIC_URL: origin,
      SESSION_SECRET,
      DATABASE_URL: `sqlite:${join(dir, 'db.sqlite')}`,
      OIDC_ISSUER: stub.url,
      OIDC_CLIENT_ID: STUB_CLIENT.clientId,
      OIDC_CLIENT_SECRET: STUB_CLIENT.clientSecret,
      DEV_IDP: 'off',
      ...env,
    },
    { host: '127.0.0.1' },
  );
  return {
    origin,
    bff,
    async close() {
      await bff.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * Starts a sign-in at the BFF and returns the callback the provider would send back (any code
 * will do: the stub's token endpoint decides the outcome). The stub learns the login's nonce.
 */
export async function stubCallback(browser: TestBrowser, origin: string, stub: StubIssuer, code = 'stub-code'): Promise<URL> {
  const start = await browser.request(`${origin}/auth/login/oidc`);
  const location = start.headers.get('location');
  if (start.status !== 302 || !location?.startsWith(stub.url)) throw new Error(`login did not go to the stub: ${start.status} ${location}`);
  const authorize = new URL(location);
  stub.nonce = authorize.searchParams.get('nonce') ?? undefined;
  const callback = new URL('/auth/callback/oidc', origin);
  callback.search = new URLSearchParams({ code, state: authorize.searchParams.get('state')! }).toString();
  return callback;
}
