import { defaultResourceServer, freePort, startDevIdp, type DevIdp } from '@sso/dev-idp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startDemoApi, type RunningDemoApi } from '../src/index.js';
// The dev IdP's own test helpers: the authorization code flow over HTTP, as the BFF does it.
import { client, postForm, signInForTokens } from '../../../packages/dev-idp/test/support/flow.js';

const quiet = () => undefined;
const startIdp = (options: { port?: number; accessTokenTtlSeconds?: number } = {}) =>
  startDevIdp({ port: 0, host: '127.0.0.1', logger: quiet, clients: [client], ...options });
const startApi = (
  issuer: string,
  options: { logger?: (msg: string) => void; requiredScope?: string; introspectionUrl?: string; clientSecret?: string } = {},
) => startDemoApi({ port: 0, host: '127.0.0.1', issuer, ...defaultResourceServer, logger: quiet, ...options });

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function call(api: RunningDemoApi, path: string, init: RequestInit = {}) {
  const response = await fetch(`${api.url}${path}`, init);
  return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
}

describe('demo API with the real dev IdP', () => {
  let idp: DevIdp;
  let api: RunningDemoApi;
  const logs: string[] = [];
  beforeAll(async () => {
    idp = await startIdp();
    api = await startApi(idp.issuer, { logger: (msg) => logs.push(msg) });
  });
  afterAll(async () => {
    await api.close();
    await idp.close();
  });

  it("GET /api/demo/hello with a user's access token from the code flow answers 200 with sub, scope, client and expiry", async () => {
    const tokens = await signInForTokens(idp.issuer, { login: 'bob' });
    const { status, headers, body } = await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) });
    expect(status).toBe(200);
    expect(headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(headers.get('cache-control')).toBe('no-store');
    expect(body).toEqual({
      message: 'Hello from the demo API',
      sub: 'bob',
      scope: 'openid profile email',
      clientId: client.clientId,
      expiresAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.000Z$/) as unknown,
      receivedCookies: false,
      receivedHeaders: [],
    });
    const secondsLeft = (Date.parse(body.expiresAt as string) - Date.now()) / 1000;
    expect(secondsLeft).toBeGreaterThan(590);
    expect(secondsLeft).toBeLessThanOrEqual(601);
  });

  it('reports whether a Cookie header arrived and the names, never the values, of x-* headers', async () => {
    const tokens = await signInForTokens(idp.issuer);
    const { body } = await call(api, '/api/demo/hello', {
      headers: {
        ...bearer(tokens.access_token),
        cookie: 'sid=secret-cookie-value',
        'x-csrf': '1',
        'X-Forwarded-For': '10.0.0.1',
        accept: 'application/json',
      },
    });
    expect(body).toMatchObject({ sub: 'alice', receivedCookies: true, receivedHeaders: ['x-csrf', 'x-forwarded-for'] });
    expect(JSON.stringify(body)).not.toContain('secret-cookie-value');
  });

  it.each([
    ['no Authorization header', {}],
    ['a Basic credential', { authorization: 'Basic ZGVtbzpkZW1v' }],
    ['an empty Bearer credential', { authorization: 'Bearer ' }],
    ['a garbage token', bearer('garbage-token-that-was-never-issued')],
    ['a malformed token', { authorization: 'Bearer two words' }],
  ])('answers 401 invalid_token with WWW-Authenticate for %s', async (_name, headers: Record<string, string>) => {
    const { status, headers: answer, body } = await call(api, '/api/demo/hello', { headers });
    expect(status).toBe(401);
    expect(answer.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    expect(body).toEqual({ error: 'invalid_token' });
  });

  it('answers 401 once the client revoked the token: nothing is cached', async () => {
    const tokens = await signInForTokens(idp.issuer);
    expect((await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) })).status).toBe(200);
    const revoked = await postForm(`${idp.issuer}/token/revocation`, client, { token: tokens.access_token });
    expect(revoked.status).toBe(200);
    expect((await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) })).status).toBe(401);
  });

  it("answers 401 for the user's tokens once the user signed out at the IdP (grants revoked)", async () => {
    const tokens = await signInForTokens(idp.issuer, { login: 'carol' });
    await idp.endSessionsFor('carol');
    expect((await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) })).status).toBe(401);
  });

  it('POST /api/demo/echo echoes the JSON body, with a token only', async () => {
    const tokens = await signInForTokens(idp.issuer);
    const payload = { text: 'hi', nested: { list: [1, 2, 3] }, unicode: 'ünïcødé' };
    const echoed = await call(api, '/api/demo/echo', {
      method: 'POST',
      headers: { ...bearer(tokens.access_token), 'content-type': 'application/json' },
      body: JSON.stringify(payload),
    });
    expect(echoed).toMatchObject({ status: 200, body: { received: payload } });

    const empty = await call(api, '/api/demo/echo', { method: 'POST', headers: bearer(tokens.access_token) });
    expect(empty).toMatchObject({ status: 200, body: { received: null } });

    const broken = await call(api, '/api/demo/echo', {
      method: 'POST',
      headers: { ...bearer(tokens.access_token), 'content-type': 'application/json' },
      body: '{"not json',
    });
    expect(broken).toMatchObject({ status: 400, body: { error: 'invalid_request' } });

    const anonymous = await call(api, '/api/demo/echo', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
    expect(anonymous).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
  });

  it('POST /api/demo/echo reads a JSON body of 64 KiB, refuses a larger one with 413 and any other type with 415', async () => {
    const tokens = await signInForTokens(idp.issuer);
    const post = (body: string, type: string) =>
      call(api, '/api/demo/echo', { method: 'POST', headers: { ...bearer(tokens.access_token), 'content-type': type }, body });
    const fill = (bytes: number) => JSON.stringify({ pad: 'x'.repeat(bytes - '{"pad":""}'.length) });

    expect(await post(fill(64 * 1024), 'application/json')).toMatchObject({
      status: 200,
      body: { received: { pad: expect.any(String) as unknown } },
    });
    const tooLarge = await post(fill(64 * 1024 + 1), 'application/json');
    expect(tooLarge).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
    expect(tooLarge.headers.get('connection')).toBe('close');
    expect(await post(fill(64 * 1024 + 1), 'text/plain')).toMatchObject({ status: 413, body: { error: 'payload_too_large' } });
    expect(await post('{"a":1}', 'text/plain')).toMatchObject({ status: 415, body: { error: 'unsupported_media_type' } });
    expect(await post('{"a":1}', 'application/problem+json')).toMatchObject({ status: 200, body: { received: { a: 1 } } });
  });

  it.each([
    ['GET', '/'],
    ['GET', '/api/demo/echo'],
    ['POST', '/api/demo/hello'],
    ['DELETE', '/api/demo/hello'],
    ['GET', '/api/demo/hello/'],
    ['GET', '/api/demo/nope'],
  ])('answers 404 JSON for %s %s', async (method, path) => {
    const { status, body } = await call(api, path, { method, headers: bearer('irrelevant') });
    expect(status).toBe(404);
    expect(body).toEqual({ error: 'not_found' });
  });

  it('has logged nothing for any of this (no failures), in particular no token', () => {
    expect(logs).toEqual([]);
  });
});

describe('demo API and token expiry', () => {
  it('accepts a token until it expires, then answers 401', async () => {
    // 2 s, not 1: exp is whole seconds after a rounded-down iat, so a 1 s token may be dead on arrival.
    const idp = await startIdp({ accessTokenTtlSeconds: 2 });
    const api = await startApi(idp.issuer);
    try {
      const tokens = await signInForTokens(idp.issuer);
      const fresh = await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) });
      expect(fresh.status).toBe(200);
      await sleep(Math.max(0, Date.parse(fresh.body.expiresAt as string) - Date.now()) + 50);
      const expired = await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) });
      expect(expired).toMatchObject({ status: 401, body: { error: 'invalid_token' } });
    } finally {
      await api.close();
      await idp.close();
    }
  });
});

describe('demo API and its IdP', () => {
  it('starts before the IdP: 503 while it is down, then discovers it on a later request without a restart', async () => {
    const idpPort = await freePort();
    const logs: string[] = [];
    const api = await startApi(`http://127.0.0.1:${idpPort}`, { logger: (msg) => logs.push(msg) });
    let idp: DevIdp | undefined;
    try {
      const down = await call(api, '/api/demo/hello', { headers: bearer('some-token-value') });
      expect(down.status).toBe(503);
      expect(down.headers.get('retry-after')).toBe('1');
      expect(down.body).toEqual({ error: 'temporarily_unavailable' });
      expect(logs).toEqual([
        expect.stringMatching(/^cannot check access tokens: cannot reach http:\/\/127\.0\.0\.1:\d+\/\.well-known\/openid-configuration/),
      ]);

      idp = await startIdp({ port: idpPort });
      const tokens = await signInForTokens(idp.issuer);
      const up = await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) });
      expect(up).toMatchObject({ status: 200, body: { sub: 'alice' } });
      expect(logs.join('\n')).not.toContain('some-token-value');
      expect(logs.join('\n')).not.toContain(tokens.access_token);
    } finally {
      await api.close();
      await idp?.close();
    }
  });

  it('uses a given introspectionUrl without discovery', async () => {
    const idp = await startIdp();
    const api = await startApi('http://127.0.0.1:9', { introspectionUrl: `${idp.issuer}/token/introspection` });
    try {
      const tokens = await signInForTokens(idp.issuer);
      expect((await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) })).status).toBe(200);
    } finally {
      await api.close();
      await idp.close();
    }
  });

  it("answers 503, not 401, when the IdP refuses the API's own credentials, and says so in the log", async () => {
    const idp = await startIdp();
    const logs: string[] = [];
    const api = await startApi(idp.issuer, { clientSecret: 'wrong-secret', logger: (msg) => logs.push(msg) });
    try {
      const tokens = await signInForTokens(idp.issuer);
      const { status, body } = await call(api, '/api/demo/hello', { headers: bearer(tokens.access_token) });
      expect(status).toBe(503);
      expect(body).toEqual({ error: 'temporarily_unavailable' });
      expect(logs).toEqual([`cannot check access tokens: ${idp.issuer}/token/introspection answered 401`]);
    } finally {
      await api.close();
      await idp.close();
    }
  });

  it('with requiredScope, answers 403 insufficient_scope for a live token without that scope', async () => {
    const idp = await startIdp();
    const api = await startApi(idp.issuer, { requiredScope: 'email' });
    try {
      const narrow = await signInForTokens(idp.issuer, { scope: 'openid profile' });
      const refused = await call(api, '/api/demo/hello', { headers: bearer(narrow.access_token) });
      expect(refused).toMatchObject({ status: 403, body: { error: 'insufficient_scope' } });
      expect(refused.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="email"');
      const wide = await signInForTokens(idp.issuer, { scope: 'openid email' });
      expect((await call(api, '/api/demo/hello', { headers: bearer(wide.access_token) })).status).toBe(200);
    } finally {
      await api.close();
      await idp.close();
    }
  });
});
