import { createHash, createPublicKey, randomBytes, verify } from 'node:crypto';

import { defaultDevClient, startDevIdp, type DevIdp, type DevIdpClient, type DevIdpOptions } from '../../src/index.js';
import { Browser } from './browser.js';

/**
 * The default dev client minus its back-channel URI, so that no test ever POSTs a logout token to
 * a BFF a developer may be running on :3000. Tests that want logout tokens set their own receiver.
 */
const { backchannelLogoutUri: _devBff, ...devClientWithoutBackchannel } = defaultDevClient;
export const client: DevIdpClient = devClientWithoutBackchannel;
export const redirectUri = 'http://localhost:3000/auth/callback/dev';

/** A Dev IdP on a free loopback port that logs nothing. */
export function startQuietIdp(options: DevIdpOptions = {}): Promise<DevIdp> {
  return startDevIdp({ port: 0, host: '127.0.0.1', logger: () => {}, clients: [client], ...options });
}

export interface AuthRequest {
  state: string;
  nonce: string;
  verifier: string;
  url: URL;
}

/** A PKCE authorization request as the BFF would build it. */
export function authRequest(issuer: string, scope = 'openid profile email', extra: Record<string, string> = {}): AuthRequest {
  const state = randomBytes(12).toString('base64url');
  const nonce = randomBytes(12).toString('base64url');
  const verifier = randomBytes(32).toString('base64url');
  const url = new URL('/auth', issuer);
  url.search = new URLSearchParams({
    client_id: client.clientId,
    redirect_uri: redirectUri,
    response_type: 'code',
    scope,
    state,
    nonce,
    code_challenge: createHash('sha256').update(verifier).digest('base64url'),
    code_challenge_method: 'S256',
    ...extra,
  }).toString();
  return { state, nonce, verifier, url };
}

/** The uid of the interaction page the browser is on. */
export function interactionUid(url: URL): string {
  const match = /^\/interaction\/([^/]+)$/.exec(url.pathname);
  if (!match?.[1]) throw new Error(`not on an interaction page: ${url.href}`);
  return match[1];
}

/** Signs in as `login` and allows consent; returns the URL the IdP redirected to. */
export async function signIn(browser: Browser, request: AuthRequest, login = 'alice'): Promise<URL> {
  const loginPage = await browser.go(request.url);
  const consent = await browser.go(`/interaction/${interactionUid(loginPage.url)}/login`, { form: { login } });
  const done = await browser.go(`/interaction/${interactionUid(consent.url)}/confirm`, { form: {} });
  return done.url;
}

/** HTTP Basic client authentication (RFC 6749 §2.3.1; our ids and secrets need no escaping). */
export const basicAuth = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;

/** Exchanges a code at the token endpoint with client_secret_basic. */
export async function exchangeCode(issuer: string, code: string, verifier: string): Promise<Response> {
  return fetch(new URL('/token', issuer), {
    method: 'POST',
    headers: {
      authorization: basicAuth(client.clientId, client.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: redirectUri, code_verifier: verifier }),
  });
}

export interface Tokens {
  access_token: string;
  id_token: string;
  refresh_token?: string;
  expires_in: number;
  token_type: string;
  scope: string;
}

/** Signs `login` in with `browser` (a new one by default) and exchanges the code: the BFF's whole sign-in. */
export async function signInForTokens(
  issuer: string,
  {
    login = 'alice',
    scope = 'openid profile email',
    browser = new Browser(issuer),
  }: { login?: string; scope?: string; browser?: Browser } = {},
): Promise<Tokens> {
  const request = authRequest(issuer, scope);
  const callback = await signIn(browser, request, login);
  const code = callback.searchParams.get('code');
  if (!code) throw new Error(`no code at ${callback.href}`);
  const response = await exchangeCode(issuer, code, request.verifier);
  if (response.status !== 200) throw new Error(`token endpoint answered ${response.status}: ${await response.text()}`);
  return (await response.json()) as Tokens;
}

/** POSTs a form to one of the IdP's endpoints with client_secret_basic. */
export async function postForm(
  url: URL | string,
  credentials: { clientId: string; clientSecret: string },
  form: Record<string, string>,
): Promise<Response> {
  return fetch(url, {
    method: 'POST',
    headers: {
      authorization: basicAuth(credentials.clientId, credentials.clientSecret),
      'content-type': 'application/x-www-form-urlencoded',
    },
    body: new URLSearchParams(form),
  });
}

/** Verifies an RS256 JWT against the IdP's published JWKS and returns its payload. */
export async function verifyJwt(issuer: string, jwt: string): Promise<Record<string, unknown>> {
  const [header = '', payload = '', signature = ''] = jwt.split('.');
  const { kid, alg } = JSON.parse(Buffer.from(header, 'base64url').toString()) as { kid: string; alg: string };
  if (alg !== 'RS256') throw new Error(`unexpected alg ${alg}`);
  const response = await fetch(new URL('/jwks', issuer));
  const { keys } = (await response.json()) as { keys: Array<{ kid: string }> };
  const jwk = keys.find((key) => key.kid === kid);
  if (!jwk) throw new Error(`no key ${kid}`);
  const ok = verify(
    'RSA-SHA256',
    Buffer.from(`${header}.${payload}`),
    createPublicKey({ key: jwk, format: 'jwk' }),
    Buffer.from(signature, 'base64url'),
  );
  if (!ok) throw new Error('bad signature');
  return JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
}
