import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { basicCredentials, json, readBody, send, type Answer } from './http.js';
import { KeyRing, s256, type Signing } from './keys.js';

type Claims = Record<string, unknown>;

/**
 * What the provider does wrong in one sign-in. Everything it is not told stays honest, and the
 * authorize and token endpoints always check the client, the redirect URI and PKCE first.
 */
export interface Script {
  /** Claims laid over the honest ID token's (a claim set to `undefined` is left out); `null`: no `id_token` at all. */
  idToken?: Claims | null;
  signing?: Signing;
  /** The token endpoint's answer instead of the honest one (which it receives), or never answering. */
  token?: 'hang' | ((honest: Claims) => Answer);
  /** The userinfo endpoint's answer instead of the honest one (which it receives). */
  userinfo?: (honest: Claims) => Answer;
  /** RFC 9207 `iss` on the redirect back: another value, or `null` for none (default: the issuer, when advertised). */
  callbackIss?: string | null;
}

export interface HostileIdpOptions {
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Laid over the discovery document (e.g. another `issuer`, more algorithms). */
  metadata?: Claims;
}

/** Requests per endpoint; `stray` counts every other path (e.g. a redirect's target). */
export interface Calls {
  discovery: number;
  authorize: number;
  token: number;
  userinfo: number;
  jwks: number;
  stray: number;
}

export interface HostileIdp {
  issuer: string;
  /** The subject the honest ID token and userinfo name. */
  subject: string;
  calls: Calls;
  keys: KeyRing;
  /** Every code and token handed out: none of them may ever appear in a log. */
  minted: string[];
  /** What the next sign-ins get (replaces the previous script). */
  script(script: Script): void;
  /** An honest provider again, with its counters at zero. */
  reset(): void;
  close(): Promise<void>;
}

interface Grant {
  nonce: string | undefined;
  codeChallenge: string;
  redirectUri: string;
}

const SUBJECT = 'hostile-user-1';
const random = () => randomBytes(24).toString('base64url');
const oauthError = (status: number, error: string, headers: Record<string, string> = {}) => json(status, { error }, headers);

/**
 * A scriptable OpenID Provider on loopback that mints what a misbehaving or malicious one would:
 * discovery, authorize (redirects straight back, no pages), token, userinfo and JWKS.
 */
export async function startHostileIdp(options: HostileIdpOptions): Promise<HostileIdp> {
  const keys = await KeyRing.create();
  const grants = new Map<string, Grant>();
  const accessTokens = new Set<string>();
  const hanging = new Set<ServerResponse>();
  const calls: Calls = { discovery: 0, authorize: 0, token: 0, userinfo: 0, jwks: 0, stray: 0 };
  const minted: string[] = [];
  let current: Script = {};
  let issuer = '';

  const mint = (value: string) => (minted.push(value), value);
  const metadata = () => ({
    issuer,
    authorization_endpoint: `${issuer}/authorize`,
    token_endpoint: `${issuer}/token`,
    userinfo_endpoint: `${issuer}/userinfo`,
    jwks_uri: `${issuer}/jwks`,
    response_types_supported: ['code'],
    grant_types_supported: ['authorization_code', 'refresh_token'],
    subject_types_supported: ['public'],
    id_token_signing_alg_values_supported: ['RS256'],
    code_challenge_methods_supported: ['S256'],
    token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
    authorization_response_iss_parameter_supported: true,
    ...options.metadata,
  });

  function authorize(url: URL): Answer {
    const q = url.searchParams;
    const redirectUri = q.get('redirect_uri') ?? '';
    // A real OP never redirects to an unregistered URI: it shows an error page instead.
    if (q.get('client_id') !== options.clientId || !options.redirectUris.includes(redirectUri))
      return { status: 400, body: 'unknown client or redirect_uri' };
    const back = new URL(redirectUri);
    back.searchParams.set('state', q.get('state') ?? '');
    if (q.get('response_type') !== 'code' || q.get('code_challenge_method') !== 'S256' || !q.get('code_challenge')) {
      back.searchParams.set('error', 'invalid_request');
    } else {
      const code = mint(random());
      grants.set(code, { nonce: q.get('nonce') ?? undefined, codeChallenge: q.get('code_challenge')!, redirectUri });
      back.searchParams.set('code', code);
    }
    const iss = 'callbackIss' in current ? current.callbackIss : metadata().authorization_response_iss_parameter_supported ? issuer : null;
    if (iss) back.searchParams.set('iss', iss);
    return { status: 302, headers: { location: back.href } };
  }

  async function idToken(grant: Grant): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const claims: Claims = {
      iss: issuer,
      sub: SUBJECT,
      aud: options.clientId,
      exp: now + 600,
      iat: now,
      auth_time: now,
      nonce: grant.nonce,
    };
    for (const [name, value] of Object.entries(current.idToken ?? {})) {
      if (value === undefined) delete claims[name];
      else claims[name] = value;
    }
    return mint(await keys.sign(claims, current.signing ?? 'published', options.clientSecret));
  }

  async function token(req: IncomingMessage, res: ServerResponse): Promise<Answer | undefined> {
    const form = new URLSearchParams(await readBody(req));
    const basic = basicCredentials(req.headers.authorization);
    const client = basic ?? { id: form.get('client_id'), secret: form.get('client_secret') };
    if (client.id !== options.clientId || client.secret !== options.clientSecret) {
      return oauthError(401, 'invalid_client', basic ? { 'www-authenticate': 'Basic realm="hostile"' } : {});
    }
    const code = form.get('code') ?? '';
    const grant = grants.get(code);
    grants.delete(code); // RFC 6749 §4.1.2: a code is single-use
    if (form.get('grant_type') !== 'authorization_code' || !grant) return oauthError(400, 'invalid_grant');
    if (form.get('redirect_uri') !== grant.redirectUri || s256(form.get('code_verifier') ?? '') !== grant.codeChallenge)
      return oauthError(400, 'invalid_grant');

    const accessToken = mint(random());
    accessTokens.add(accessToken);
    const honest: Claims = {
      access_token: accessToken,
      token_type: 'Bearer',
      expires_in: 300,
      refresh_token: mint(random()),
      scope: 'openid profile email',
    };
    if (current.idToken !== null) honest.id_token = await idToken(grant);
    if (current.token === 'hang') {
      hanging.add(res); // answered never; destroyed at close
      return undefined;
    }
    return current.token ? current.token(honest) : json(200, honest);
  }

  function userinfo(req: IncomingMessage): Answer {
    const bearer = /^Bearer (\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (!bearer || !accessTokens.has(bearer))
      return oauthError(401, 'invalid_token', { 'www-authenticate': 'Bearer error="invalid_token"' });
    const honest: Claims = { sub: SUBJECT, name: 'Mallory Hostile', email: 'mallory@hostile.example', email_verified: true };
    return current.userinfo ? current.userinfo(honest) : json(200, honest);
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<Answer | undefined> {
    const url = new URL(req.url ?? '/', issuer);
    const endpoint = `${req.method} ${url.pathname}`;
    switch (endpoint) {
      case 'GET /.well-known/openid-configuration':
        calls.discovery += 1;
        return json(200, metadata());
      case 'GET /authorize':
        calls.authorize += 1;
        return authorize(url);
      case 'POST /token':
        calls.token += 1;
        return token(req, res);
      case 'GET /userinfo':
        calls.userinfo += 1;
        return userinfo(req);
      case 'GET /jwks':
        calls.jwks += 1;
        return json(200, keys.jwks());
      default:
        calls.stray += 1;
        return { status: 404, body: 'not found' };
    }
  }

  const server = createServer((req, res) => {
    route(req, res).then(
      (answer) => answer && send(res, answer),
      (err: unknown) => send(res, { status: 500, body: String(err) }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    subject: SUBJECT,
    calls,
    keys,
    minted,
    script(script) {
      current = script;
    },
    reset() {
      current = {};
      for (const name of Object.keys(calls) as Array<keyof Calls>) calls[name] = 0;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const res of hanging) res.destroy();
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
