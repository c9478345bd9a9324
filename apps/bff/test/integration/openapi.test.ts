import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoUsers } from '@sso/dev-idp';
import type { ApiError, Identity, MeResponse, ProviderSummary, SessionInfo } from '@sso/profile';
import pkg from '../../package.json' with { type: 'json' };
import { loadConfig } from '../../src/config/index.js';
import { buildOpenApi } from '../../src/openapi/document.js';
import { HTTP_METHODS, type OpenApiDocument, type Operation, type Parameter, type Reference } from '../../src/openapi/types.js';
import { TestBrowser } from '../support/browser.js';
import { navigate } from '../support/endSession.js';
import { ApiContract, answerOf, rawRequest, refsIn, startBackchannelRelay, type Answer } from '../support/contract.js';
import { CLIENT_SECRET, SESSION_SECRET, startHarness, type Harness } from '../support/harness.js';
import { authorizeAtIdp } from '../support/idp.js';
import { startRecordingUpstream } from '../support/upstream.js';
import { callbackFor, signIn, startLogin } from './flow.js';

let h: Harness;
let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;
let relay: Awaited<ReturnType<typeof startBackchannelRelay>>;
let doc: OpenApiDocument;
let contract: ApiContract;

/**
 * Two providers at one IdP ("oidc" and "dev", as in startTwoProviderHarness), the dev client's
 * back-channel logout going through a relay that keeps the BFF's answers, and two proxied routes:
 * one to a recording upstream, one to a dead port.
 */
beforeAll(async () => {
  upstream = await startRecordingUpstream();
  relay = await startBackchannelRelay();
  h = await startHarness({
    users: [...demoUsers, { id: 'erin', name: 'Erin Example', email: 'erin@example.com', emailVerified: true, avatar: false }],
    env: {
      DEV_IDP: 'on',
      DEV_IDP_CLIENT_ID: 'bff-test-dev',
      DEV_IDP_CLIENT_SECRET: CLIENT_SECRET,
      API_ROUTES: `/api/rec=${upstream.url}/base|GET,POST; /api/down=http://127.0.0.1:9/x`,
      API_BODY_LIMIT: '1kb',
    },
    extraClients: (origin) => [
      {
        clientId: 'bff-test-dev',
        clientSecret: CLIENT_SECRET,
        redirectUris: [`${origin}/auth/callback/dev`],
        backchannelLogoutUri: `${relay.url}/auth/backchannel-logout/dev`,
      },
    ],
  });
  relay.target.origin = h.origin;
  h.env.DEV_IDP_ISSUER = h.idp.issuer;
  await h.restartBff();
  const served = await answerOf(await fetch(`${h.origin}/auth/openapi.json`));
  doc = JSON.parse(served.text) as OpenApiDocument;
  contract = new ApiContract(doc);
  contract.check('GET', '/auth/openapi.json', served);
});
afterAll(async () => {
  await h?.close();
  await upstream?.close();
  await relay?.close();
});

/**
 * A request through a browser, checked against the document; returns the answer and its JSON body,
 * typed as `T` by the caller (the document check is what vouches for its shape).
 */
async function call<T = unknown>(
  browser: TestBrowser,
  method: string,
  path: string,
  init: RequestInit = {},
): Promise<Answer & { body: T }> {
  const url = new URL(path, h.origin);
  const answer = await answerOf(await browser.request(url, { ...init, method }));
  return { ...answer, body: contract.check(method, url, answer) as T };
}
const csrf = { headers: { 'X-CSRF': '1' } };

/** Sign in with a provider as a user; returns the callback's answer (checked). */
async function signInWith(browser: TestBrowser, provider: string, user: string): Promise<Answer> {
  const callback = await authorizeAtIdp(browser, await startLogin(browser, h, provider), h.origin, { user });
  const answer = await answerOf(await browser.request(callback));
  contract.check('GET', callback, answer);
  return answer;
}

const operations = (d: OpenApiDocument) =>
  Object.entries(d.paths).flatMap(([path, item]) =>
    HTTP_METHODS.flatMap((method) => (item[method] ? [{ path, method, op: item[method], item }] : [])),
  );
const isProxied = (op: Operation) => op.tags.includes('api-proxy');

describe('the OpenAPI document', () => {
  it('is OpenAPI 3.1.0 for this configuration, and every path has operations with answers', () => {
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.info.version).toBe(pkg.version);
    expect(doc.servers).toEqual([{ url: h.origin }]);
    expect(doc.components.securitySchemes.session).toMatchObject({ type: 'apiKey', in: 'cookie', name: 'sso.sid' });
    for (const [path, item] of Object.entries(doc.paths)) {
      expect(HTTP_METHODS.filter((m) => item[m]).length, path).toBeGreaterThan(0);
    }
    for (const { path, method, op } of operations(doc)) expect(Object.keys(op.responses).length, `${method} ${path}`).toBeGreaterThan(0);
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/auth/providers',
        '/auth/me',
        '/auth/sessions/{id}',
        '/auth/openapi.json',
        '/healthz',
        '/api/rec/{path}',
        '/api/down/{path}',
      ]),
    );
  });

  it('every $ref resolves, and every schema in it compiles as strict JSON Schema 2020-12', () => {
    const refs = refsIn(doc);
    expect(refs.length).toBeGreaterThan(20);
    for (const { ref, at } of refs) {
      expect(ref, at).toMatch(/^#\//);
      expect(() => contract.at(ref), `${ref} at ${at}`).not.toThrow();
    }
    const schemaPointers = (value: unknown, at: string): string[] =>
      value === null || typeof value !== 'object'
        ? []
        : Object.entries(value).flatMap(([k, v]) => {
            const here = `${at}/${encodeURIComponent(k.replace(/~/g, '~0').replace(/\//g, '~1'))}`;
            return k === 'schema' || at === '#/components/schemas' ? [here] : schemaPointers(v, here);
          });
    const pointers = schemaPointers(doc, '#');
    expect(pointers.length).toBeGreaterThan(50);
    for (const pointer of pointers) expect(() => contract.ajv.compile({ $ref: `urn:sso:openapi${pointer}` }), pointer).not.toThrow();
  });

  it('declares each path’s parameters, unique operation ids, X-CSRF and 403 on state-changing calls, and no catch-all outside the proxy', () => {
    const ids = operations(doc).map(({ op }) => op.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const resolve = (p: Parameter | Reference) => ('$ref' in p ? contract.at<Parameter>(p.$ref).value : p);
    for (const { path, method, op, item } of operations(doc)) {
      const where = `${method} ${path}`;
      const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(resolve);
      const inPath = [...path.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]);
      expect(
        params
          .filter((p) => p.in === 'path')
          .map((p) => p.name)
          .sort(),
        where,
      ).toEqual(inPath.sort());
      expect(
        params.filter((p) => p.in === 'path').every((p) => p.required),
        where,
      ).toBe(true);
      for (const requirement of op.security)
        for (const scheme of Object.keys(requirement)) expect(doc.components.securitySchemes, where).toHaveProperty(scheme);
      const stateChanging = ['post', 'put', 'patch', 'delete'].includes(method) && path !== '/auth/backchannel-logout/{provider}';
      if (stateChanging) {
        expect(
          params.find((p) => p.in === 'header' && p.name === 'X-CSRF'),
          where,
        ).toMatchObject({ required: true });
        expect(op.responses, where).toHaveProperty('403');
      }
      if (!isProxied(op)) expect(op.responses, where).not.toHaveProperty('default');
    }
  });

  it('is what buildOpenApi makes of the configuration alone (https: the __Host- cookie)', () => {
    expect(JSON.parse(JSON.stringify(buildOpenApi(h.bff.config)))).toEqual(doc);
    const https = loadConfig({
      NODE_ENV: 'test',
      PUBLIC_URL: 'https://app.example.com',
      SESSION_SECRET,
      DEV_IDP: 'off',
      API_ROUTES: '/api/a=https://a.example/v1',
    });
    const secure = buildOpenApi(https);
    expect(secure.servers).toEqual([{ url: 'https://app.example.com' }]);
    expect(secure.components.securitySchemes.session?.name).toBe('__Host-sso.sid');
    expect(Object.keys(secure.paths)).toContain('/api/a/{path}');
    // The upstream's address is internal: the public document does not tell it.
    expect(JSON.stringify(secure)).not.toContain('a.example');
    expect(buildOpenApi(https)).toEqual(secure);
  });

  it('the README’s HTTP API section names every documented path', () => {
    const readme = readFileSync(new URL('../../../../README.md', import.meta.url), 'utf8');
    const section = /^## The HTTP API\n([\s\S]*?)(?=^## )/m.exec(readme)?.[1] ?? '';
    expect(section.length).toBeGreaterThan(0);
    for (const { path, op } of operations(doc)) {
      // Proxied paths depend on API_ROUTES; the README names them by their prefix.
      const written = isProxied(op) ? '<prefix>/:path' : path.replace(/\{([^}]+)\}/g, ':$1');
      expect(section, path).toMatch(new RegExp(`${written.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![\\w/:.-])`));
    }
  });
});

describe('real answers match the document', () => {
  it('(the check itself refuses an unknown path, an undocumented status, a missing Location and a body that does not fit)', () => {
    const json = (status: number, body: unknown): Answer => ({
      status,
      headers: new Headers({ 'content-type': 'application/json', 'cache-control': 'no-store' }),
      text: JSON.stringify(body),
    });
    expect(() => contract.check('GET', '/auth/nowhere', json(200, {}))).toThrow(/not a documented path/);
    expect(() => contract.check('GET', '/auth/me', json(418, {}))).toThrow(/not documented/);
    expect(() => contract.check('GET', '/auth/login/oidc', { ...json(302, ''), text: '' })).toThrow(/Location/);
    expect(() => contract.check('GET', '/auth/me', json(401, { error: 'unauthenticated' }))).toThrow(/message/);
    expect(() => contract.check('GET', '/auth/me', json(401, { error: 'csrf_failed', message: 'x' }))).toThrow(/allowed values/);
    expect(() => contract.check('GET', '/healthz', json(200, { status: 'ok', extra: 1 }))).toThrow(/additional properties/);
    expect(contract.seen.size).toBe(1); // only the document itself, from beforeAll
  });

  it('health, the provider list and this document', async () => {
    const anonymous = new TestBrowser();
    expect((await call(anonymous, 'GET', '/healthz')).body).toEqual({ status: 'ok' });
    const providers = await call<ProviderSummary[]>(anonymous, 'GET', '/auth/providers');
    expect(providers.body.map((p: { id: string }) => p.id)).toEqual(['oidc', 'dev']);
    expect((await call(anonymous, 'GET', '/auth/openapi.json')).status).toBe(200);
    expect((await call(anonymous, 'GET', '/readyz')).status).toBe(200);
    // Not ready: the store stops answering (then a fresh instance on the same file).
    await h.bff.deps.store.close();
    expect((await call(anonymous, 'GET', '/readyz')).status).toBe(503);
    await h.restartBff();
  });

  it('with the database gone, every route that needs the store answers its documented 503 store_unavailable, never a 401 or 500', async () => {
    const browser = new TestBrowser();
    await signInWith(browser, 'oidc', 'alice');
    await h.bff.deps.store.close();
    try {
      const calls: Array<[string, string, RequestInit?]> = [
        ['GET', '/auth/me'],
        ['POST', '/auth/logout', csrf],
        ['GET', '/auth/identities'],
        ['DELETE', '/auth/identities/dev/alice', csrf],
        ['GET', '/auth/sessions'],
        ['DELETE', '/auth/sessions', csrf],
        ['DELETE', '/auth/sessions/some-id', csrf],
        ['GET', '/api/rec/items'],
      ];
      for (const [method, path, init] of calls) {
        const answer = await call<ApiError>(browser, method, path, init);
        expect([method, path, answer.status, answer.body.error, answer.headers.get('retry-after')]).toEqual([
          method,
          path,
          503,
          'store_unavailable',
          '5',
        ]);
      }
    } finally {
      await h.restartBff();
    }
    // Nothing was lost: the same cookie is signed in again.
    expect((await call(browser, 'GET', '/auth/me')).status).toBe(200);
  });

  it('sign-in redirects: to the provider, back with a session, and every failure to /login?error=', async () => {
    const browser = new TestBrowser();
    const login = await call(browser, 'GET', '/auth/login/oidc?returnTo=%2Fprofile');
    expect(login.status).toBe(302);
    expect(login.headers.get('location')).toMatch(new RegExp(`^${h.idp.issuer}/`));
    const unknown = await call(browser, 'GET', '/auth/login/nope');
    expect(unknown.headers.get('location')).toBe('/login?error=unknown_provider');

    const callback = await callbackFor(browser, h, { user: 'alice', returnTo: '/profile' });
    const done = await call(browser, 'GET', callback.href);
    expect([done.status, done.headers.get('location')]).toEqual([302, '/profile']);
    // Back to the used callback while signed in: to where the sign-in went.
    const back = await call(browser, 'GET', callback.href);
    expect(back.headers.get('location')).toBe('/profile');
    // A used state redeems nothing, whoever sends it.
    const replayed = await call(new TestBrowser(), 'GET', callback.href);
    expect(replayed.headers.get('location')).toBe('/login?error=login_replayed');
    const stranger = await callbackFor(new TestBrowser(), h, { user: 'alice' });
    const unbound = await call(new TestBrowser(), 'GET', stranger.href);
    expect(unbound.headers.get('location')).toBe('/login?error=login_cookie_missing');
    const noState = await call(new TestBrowser(), 'GET', '/auth/callback/oidc?code=x');
    expect(noState.headers.get('location')).toBe('/login?error=invalid_state');

    // intent=link with a session: the redirect back carries linked=<provider>.
    const link = await call(browser, 'GET', '/auth/login/dev?intent=link&returnTo=%2Fprofile');
    const linkBack = await authorizeAtIdp(browser, new URL(link.headers.get('location')!), h.origin);
    expect((await call(browser, 'GET', linkBack.href)).headers.get('location')).toBe('/profile?linked=dev');
  });

  it('the signed-in user and sign-out', async () => {
    const browser = new TestBrowser();
    expect((await call(browser, 'GET', '/auth/me')).body).toMatchObject({ error: 'unauthenticated' });
    await signIn(browser, h, { user: 'bob' });
    expect((await call<MeResponse>(browser, 'GET', '/auth/me')).body.user.subject).toBe('bob');
    expect((await call(browser, 'POST', '/auth/logout')).status).toBe(403);
    const { redirectTo } = (await call(browser, 'POST', '/auth/logout', csrf)).body as { redirectTo: string };
    expect((await call(browser, 'GET', '/auth/me')).status).toBe(401);
    const back = await call(browser, 'GET', '/auth/logged-out?state=forged');
    expect([back.status, back.headers.get('location')]).toEqual([302, '/login']);

    // The end-session page: refused to a script (the id stays good), the form once, then gone.
    expect((await call(browser, 'GET', redirectTo)).body).toMatchObject({ error: 'bad_request' });
    const visit = async () => {
      const answer = await answerOf(await navigate(browser, redirectTo));
      contract.check('GET', redirectTo, answer);
      return answer;
    };
    expect((await visit()).text).toContain('<form id="end-session"');
    expect((await visit()).status).toBe(404);
    // With the database gone, a navigation goes to the sign-in page with the code.
    await signIn(browser, h, { user: 'bob' });
    const second = (await call(browser, 'POST', '/auth/logout', csrf)).body as { redirectTo: string };
    await h.bff.deps.store.close();
    try {
      const answer = await answerOf(await navigate(browser, second.redirectTo));
      contract.check('GET', second.redirectTo, answer);
      expect([answer.status, answer.headers.get('location')]).toEqual([302, '/login?error=store_unavailable']);
    } finally {
      await h.restartBff();
    }
  });

  it('connected accounts: list, disconnect, and every refusal', async () => {
    const viaOidc = new TestBrowser();
    const anonymous = new TestBrowser();
    expect((await call(anonymous, 'GET', '/auth/identities')).status).toBe(401);
    expect((await call(anonymous, 'DELETE', '/auth/identities/dev/carol', csrf)).status).toBe(401);

    await signIn(viaOidc, h, { user: 'carol' });
    const link = await call(viaOidc, 'GET', '/auth/login/dev?intent=link');
    await call(viaOidc, 'GET', (await authorizeAtIdp(viaOidc, new URL(link.headers.get('location')!), h.origin)).href);
    expect((await call<Identity[]>(viaOidc, 'GET', '/auth/identities')).body.map((i: { provider: string }) => i.provider)).toEqual([
      'oidc',
      'dev',
    ]);
    // The same user, signed in with the other account.
    const viaDev = new TestBrowser();
    await signInWith(viaDev, 'dev', 'carol');

    expect((await call(viaOidc, 'DELETE', '/auth/identities/dev/carol')).status).toBe(403);
    expect((await call(viaOidc, 'DELETE', '/auth/identities/oidc/carol', csrf)).body).toMatchObject({ error: 'current_identity' });
    expect((await call(viaOidc, 'DELETE', '/auth/identities/dev/nobody', csrf)).body).toMatchObject({ error: 'not_found' });
    const removed = await call<Identity[]>(viaOidc, 'DELETE', '/auth/identities/dev/carol', csrf);
    expect(removed.body.map((i: { provider: string }) => i.provider)).toEqual(['oidc']);
    // The session of the account just removed ended with it.
    expect((await call(viaDev, 'DELETE', '/auth/identities/oidc/carol', csrf)).body).toMatchObject({ error: 'unauthenticated' });
  });

  it('signed-in devices: list, end one, end the others, end this one', async () => {
    const anonymous = new TestBrowser();
    expect((await call(anonymous, 'GET', '/auth/sessions')).status).toBe(401);
    expect((await call(anonymous, 'DELETE', '/auth/sessions', csrf)).status).toBe(401);
    expect((await call(anonymous, 'DELETE', '/auth/sessions/x', csrf)).status).toBe(401);

    const [laptop, phone, tablet] = [new TestBrowser(), new TestBrowser(), new TestBrowser()];
    for (const b of [laptop, phone, tablet]) await signIn(b, h, { user: 'alice' });
    const phoneId = (await call<SessionInfo[]>(phone, 'GET', '/auth/sessions')).body.find((s) => s.current)!.id;
    expect((await call(laptop, 'DELETE', `/auth/sessions/${phoneId}`)).status).toBe(403);
    expect((await call(laptop, 'DELETE', `/auth/sessions/${phoneId}`, csrf)).status).toBe(200);
    expect((await call(laptop, 'DELETE', '/auth/sessions/no-such-session', csrf)).status).toBe(404);
    expect((await call(laptop, 'DELETE', '/auth/sessions')).status).toBe(403);
    expect((await call<SessionInfo[]>(laptop, 'DELETE', '/auth/sessions', csrf)).body.map((s: { current: boolean }) => s.current)).toEqual([
      true,
    ]);
    const tabletOwn = await signIn(tablet, h, { user: 'alice' }).then(() => call<SessionInfo[]>(tablet, 'GET', '/auth/sessions'));
    const tabletId = tabletOwn.body.find((s) => s.current)!.id;
    expect((await call(tablet, 'DELETE', `/auth/sessions/${tabletId}`, csrf)).body).toEqual([]);
  });

  it('back-channel logout: a real logout token from the IdP ends the session; refusals are 400', async () => {
    const browser = new TestBrowser();
    await signInWith(browser, 'dev', 'erin');
    await h.idp.endSessionsFor('erin');
    expect(relay.answers).toHaveLength(1);
    expect(contract.check('POST', '/auth/backchannel-logout/dev', relay.answers[0]!)).toEqual({ ended: 1 });
    expect((await call(browser, 'GET', '/auth/me')).status).toBe(401);

    const form = { 'content-type': 'application/x-www-form-urlencoded' };
    for (const [provider, body] of [
      ['oidc', 'logout_token=not.a.jwt'],
      ['oidc', ''],
      ['nope', 'logout_token=x'],
    ] as const) {
      const refused = await call(new TestBrowser(), 'POST', `/auth/backchannel-logout/${provider}`, { headers: form, body });
      expect(refused.body).toMatchObject({ error: 'invalid_request' });
    }
  });

  it('the API proxy: forwarded answers, every method, and every refusal', async () => {
    const anonymous = new TestBrowser();
    expect((await call(anonymous, 'GET', '/api/rec/items')).status).toBe(401);
    expect((await call(anonymous, 'POST', '/api/rec/items', csrf)).status).toBe(401);
    expect((await call(anonymous, 'POST', '/api/rec/items')).status).toBe(403);

    const browser = new TestBrowser();
    await signIn(browser, h, { user: 'alice' });
    expect((await call(browser, 'GET', '/api/rec/items?x=1')).body).toBeUndefined(); // `*/*`: not checked against a schema
    expect((await call(browser, 'GET', '/api/rec/teapot')).status).toBe(418); // the upstream's own status: `default`
    const post = await call(browser, 'POST', '/api/rec/orders', {
      headers: { 'X-CSRF': '1', 'content-type': 'application/json' },
      body: '{}',
    });
    expect(post.status).toBe(200);
    const tooLarge = await call(browser, 'POST', '/api/rec/orders', {
      headers: { 'X-CSRF': '1', 'content-type': 'text/plain' },
      body: 'x'.repeat(1025),
    });
    expect(tooLarge.body).toMatchObject({ error: 'payload_too_large' });
    const moved = await call(browser, 'GET', `/api/rec/items?location=${encodeURIComponent(`${upstream.url}/base/items/1`)}`);
    expect(moved.headers.get('location')).toBe('/api/rec/items/1');
    // Methods the route does not forward: 405 with Allow, after the CSRF check for unsafe ones.
    for (const method of ['HEAD', 'PUT', 'PATCH', 'DELETE']) {
      expect((await call(browser, method, '/api/rec/orders/1', csrf)).status, method).toBe(405);
      if (method !== 'HEAD') expect((await call(browser, method, '/api/rec/orders/1')).status, method).toBe(403);
    }
    const climb = await rawRequest(h.origin, 'GET', '/api/rec/%2e%2e/%2e%2e/admin', { cookie: browser.cookieHeader(new URL(h.origin)) });
    expect(contract.check('GET', '/api/rec/x', climb)).toMatchObject({ error: 'bad_request' });
    expect((await call(browser, 'GET', '/api/down/x')).body).toMatchObject({ error: 'upstream_unavailable' });
    expect((await call(browser, 'HEAD', '/api/down/x')).status).toBe(502);
    expect((await call(browser, 'POST', '/api/down/x', csrf)).status).toBe(405);
  });

  it('rate limits: beyond each budget a client asking for JSON gets 429 with Retry-After, a navigation the sign-in page', async () => {
    Object.assign(h.env, { RATE_LIMIT_LOGIN: '1/1h', RATE_LIMIT_CALLBACK: '1/1h', RATE_LIMIT_BACKCHANNEL: '1/1h' });
    await h.restartBff();
    try {
      const json = { headers: { accept: 'application/json' } };
      const form = { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'logout_token=x' };
      // This file's earlier sign-ins already spent the first hour's budgets, or these spend them.
      for (const [method, path, init] of [
        ['GET', '/auth/login/oidc', json],
        ['GET', '/auth/callback/oidc?state=x', json],
        ['POST', '/auth/backchannel-logout/oidc', form],
      ] as const) {
        await fetch(new URL(path, h.origin), { ...init, method, redirect: 'manual' }).then((r) => r.arrayBuffer());
        const refused = await call<ApiError>(new TestBrowser(), method, path, init);
        expect([path, refused.status, refused.body.error, Number(refused.headers.get('retry-after')) > 0]).toEqual([
          path,
          429,
          'rate_limited',
          true,
        ]);
      }
      const navigation = await call(new TestBrowser(), 'GET', '/auth/login/oidc');
      expect(navigation.headers.get('location')).toBe('/login?error=rate_limited');
    } finally {
      for (const name of ['RATE_LIMIT_LOGIN', 'RATE_LIMIT_CALLBACK', 'RATE_LIMIT_BACKCHANNEL']) delete h.env[name];
      await h.restartBff();
    }
  });

  it('every documented answer was met, except the 500s (and of the proxy, each status once)', () => {
    const unseen = contract.documented().filter((key) => !contract.seen.has(key));
    const proxied = (key: string) => key.includes('/{path} ');
    // Of the proxy, one route of each kind is enough: each status of each kind of operation was met.
    const proxyKinds = new Set([...contract.seen].filter(proxied).map((key) => key.split(' ').at(-1)));
    expect([...proxyKinds].sort()).toEqual(['200', '400', '401', '403', '405', '413', '502', '503', 'default']);
    expect(unseen.filter((key) => !proxied(key) && !key.endsWith(' 500'))).toEqual([]);
  });
});
