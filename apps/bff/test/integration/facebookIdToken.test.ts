import type { IncomingMessage, ServerResponse } from 'node:http';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { FacebookProviderConfig } from '../../src/config/index.js';
import { FacebookProvider } from '../../src/providers/facebook.js';
import { MB, startAnswering, type Handler } from '../support/answers.js';

/**
 * What the Facebook adapter (FACEBOOK_OIDC=on) accepts as an ID token, against a small Graph
 * stand-in over real HTTP that answers with whatever token a test signs.
 */
const APP_ID = '4455667788990011';
const USER = '10223344556677889';
const NONCE = 'n-0123456789';
let keys: { good: CryptoKey; other: CryptoKey; jwk: JWK };
let graph: Awaited<ReturnType<typeof startAnswering>>;
let tokenBodies: URLSearchParams[] = [];

// Answers at once: a plain function, so a route that calls it has no promise to await.
const json =
  (body: unknown) =>
  (req: IncomingMessage, res: ServerResponse): void => {
    req.resume();
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
const now = () => Math.floor(Date.now() / 1000);
const claims = (over: Record<string, unknown> = {}) => ({
  iss: graph.url,
  aud: APP_ID,
  sub: USER,
  iat: now(),
  exp: now() + 3600,
  jti: 'j1',
  nonce: NONCE,
  name: 'Alice',
  ...over,
});
const sign = (body: Record<string, unknown>, key = keys.good, alg = 'RS256') =>
  new SignJWT(body).setProtectedHeader({ alg, kid: 'fb-1', typ: 'JWT' }).sign(key);

/** The token endpoint answers this id_token (or none), recording each request body. */
function answerWith(idToken: string | undefined) {
  graph.routes['/v21.0/oauth/access_token'] = async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    tokenBodies.push(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
    json({ access_token: 'EAAtoken', token_type: 'bearer', expires_in: 5183944, ...(idToken ? { id_token: idToken } : {}) })(req, res);
  };
}

const defaults = (): Record<string, Handler> => ({
  '/.well-known/oauth/openid/jwks/': json({ keys: [keys.jwk] }),
  '/v21.0/me': json({ id: USER, name: 'Alice' }),
});

beforeAll(async () => {
  const good = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  keys = {
    good: good.privateKey,
    other: other.privateKey,
    jwk: { ...(await exportJWK(good.publicKey)), kid: 'fb-1', alg: 'RS256', use: 'sig' },
  };
  graph = await startAnswering(defaults());
});
afterAll(() => graph.close());
afterEach(() => {
  Object.assign(graph.routes, defaults());
  tokenBodies = [];
});

const provider = () => {
  const base = new URL(graph.url);
  const config: FacebookProviderConfig = {
    kind: 'facebook',
    id: 'facebook',
    name: 'Facebook',
    clientId: APP_ID,
    clientSecret: 'secret',
    apiVersion: 'v21.0',
    dialogUrl: base,
    graphUrl: base,
    oidc: true,
    timeoutMs: 2_000,
  };
  return new FacebookProvider(config);
};
const finish = (
  p = provider(),
  login: { codeVerifier: string | null; nonce: string | null } = { codeVerifier: 'v'.repeat(43), nonce: NONCE },
) => p.finishLogin({ callbackUrl: new URL('http://127.0.0.1:9/auth/callback/facebook?code=c&state=s'), state: 's', ...login });

describe('Facebook OpenID Connect: the ID token', () => {
  it('a valid one signs in as its sub; the token request carried the PKCE verifier', async () => {
    answerWith(await sign(claims()));
    const signedIn = await finish();
    expect(signedIn.identity.subject).toBe(USER);
    expect(signedIn.tokens.idToken).toMatch(/^ey/);
    expect(tokenBodies[0]?.get('code_verifier')).toBe('v'.repeat(43));
  });

  it('the authorization request asks for openid with PKCE S256 and a nonce, and remembers both', async () => {
    const start = await provider().startLogin({ state: 's', redirectUri: 'http://127.0.0.1:9/auth/callback/facebook' });
    expect(start.url.searchParams.get('scope')).toBe('openid,email,public_profile');
    expect(start.url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(start.url.searchParams.get('nonce')).toBe(start.nonce);
    expect(start.codeVerifier).toMatch(/^[A-Za-z0-9_-]{43}$/);
  });

  it.each<[string, () => Promise<string | undefined>]>([
    ['no id_token at all', () => Promise.resolve(undefined)],
    ['another nonce (a token from another login)', () => sign(claims({ nonce: 'someone-elses' }))],
    ['no nonce', () => sign(claims({ nonce: undefined }))],
    ['another issuer', () => sign(claims({ iss: 'https://evil.example' }))],
    ['another audience (another app)', () => sign(claims({ aud: '999' }))],
    ['expired', () => sign(claims({ iat: now() - 7200, exp: now() - 3600 }))],
    ['a signature by another key', () => sign(claims(), keys.other)],
    ['a sub that is not an app-scoped id', () => sign(claims({ sub: 'alice' }))],
  ])('%s is invalid_provider_response', async (_what, make) => {
    answerWith(await make());
    await expect(finish()).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('HS256 keyed with the app secret is refused: the algorithm is pinned to RS256', async () => {
    const token = await new SignJWT(claims()).setProtectedHeader({ alg: 'HS256', kid: 'fb-1' }).sign(new TextEncoder().encode('secret'));
    answerWith(token);
    await expect(finish()).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('a Graph /me about someone else than the ID token is invalid_provider_response', async () => {
    answerWith(await sign(claims()));
    graph.routes['/v21.0/me'] = json({ id: '10200000000000001', name: 'Mallory' });
    await expect(finish()).rejects.toMatchObject({ code: 'invalid_provider_response' });
  });

  it('keys padded to 8 MB are refused through the provider fetch, not read whole', async () => {
    answerWith(await sign(claims()));
    graph.routes['/.well-known/oauth/openid/jwks/'] = json({ keys: [keys.jwk], padding: ' '.repeat(8 * MB) });
    await expect(finish()).rejects.toMatchObject({
      code: 'invalid_provider_response',
      detail: expect.stringMatching(/facebook jwks .*limit/) as unknown,
    });
  });

  it('a login started before FACEBOOK_OIDC was turned on (no verifier, no nonce) is refused before the token request', async () => {
    answerWith(await sign(claims()));
    await expect(finish(provider(), { codeVerifier: null, nonce: null })).rejects.toMatchObject({ code: 'invalid_state' });
    expect(tokenBodies).toEqual([]);
  });
});
