import { afterEach, describe, expect, it, vi } from 'vitest';
import { createClient, isTemporarilyUnavailable, SsoError, type SessionEvent } from '../src/index.js';
import { fakeFetch, json } from './fakeFetch.js';
import { identity, me, session } from './fixtures.js';

const BFF = 'https://app.example.com';

/** The BFF's answer while its database is down. */
function storeUnavailable(headers: Record<string, string> = {}): Response {
  return new Response(
    JSON.stringify({ error: 'store_unavailable', message: 'The service is temporarily unavailable. Please try again in a moment.' }),
    { status: 503, headers: { 'Content-Type': 'application/json', ...headers } },
  );
}

describe('every call', () => {
  it('goes to the BFF at baseUrl with the session cookie and asks for JSON', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, []));
    await createClient({ baseUrl: BFF, fetch }).providers();
    expect(requests).toHaveLength(1);
    expect(requests[0]).toMatchObject({ url: `${BFF}/auth/providers`, method: 'GET', credentials: 'include' });
    expect(requests[0]!.headers.get('Accept')).toBe('application/json');
  });

  it('talks to its own origin when no baseUrl is given', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, []));
    await createClient({ fetch }).providers();
    expect(requests[0]!.url).toBe('/auth/providers');
  });

  it('ignores a trailing slash on baseUrl', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, []));
    const client = createClient({ baseUrl: `${BFF}/`, fetch });
    await client.providers();
    expect(requests[0]!.url).toBe(`${BFF}/auth/providers`);
    expect(client.baseUrl).toBe(BFF);
  });

  it('uses the global fetch, looked up at call time, when none is given', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, []));
    vi.stubGlobal('fetch', fetch);
    try {
      await createClient().providers();
      expect(requests[0]!.url).toBe('/auth/providers');
    } finally {
      vi.unstubAllGlobals();
    }
  });

  it('sends no X-CSRF header on reads', async () => {
    const { fetch, requests } = fakeFetch((r) => json(200, r.url.endsWith('/me') ? me : []));
    const client = createClient({ fetch });
    await client.providers();
    await client.me();
    await client.identities();
    await client.sessions();
    expect(requests.map((r) => [r.method, r.headers.get('X-CSRF')])).toEqual([
      ['GET', null],
      ['GET', null],
      ['GET', null],
      ['GET', null],
    ]);
  });
});

describe('providers()', () => {
  it('answers with the providers in the BFF order', async () => {
    const list = [
      { id: 'google', name: 'Google', loginUrl: `${BFF}/auth/login/google` },
      { id: 'dev', name: 'Dev IdP', loginUrl: `${BFF}/auth/login/dev` },
    ];
    const { fetch } = fakeFetch(() => json(200, list));
    await expect(createClient({ fetch }).providers()).resolves.toEqual(list);
  });

  it('rejects a list with an entry of the wrong shape as unexpected_response', async () => {
    const { fetch } = fakeFetch(() => json(200, [{ id: 'google', name: 'Google' }]));
    await expect(createClient({ fetch }).providers()).rejects.toMatchObject({ code: 'unexpected_response', status: 200 });
  });
});

describe('me()', () => {
  it('answers with the session', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, me));
    await expect(createClient({ baseUrl: BFF, fetch }).me()).resolves.toEqual(me);
    expect(requests[0]).toMatchObject({ url: `${BFF}/auth/me`, method: 'GET', credentials: 'include' });
  });

  it('answers null on a 401 that says another device ended the session, and reports why, once per answer', async () => {
    const onSessionEnded = vi.fn();
    const { fetch } = fakeFetch(() =>
      json(401, { error: 'unauthenticated', message: 'You were signed out from another device.', reason: 'signed_out_elsewhere' }),
    );
    const client = createClient({ fetch, onSessionEnded });
    const seen: unknown[] = [];
    client.subscribe((event, detail) => seen.push([event, detail]));
    await expect(client.me()).resolves.toBeNull();
    expect(seen).toEqual([['ended', { reason: 'signed_out_elsewhere', message: 'You were signed out from another device.' }]]);
    expect(onSessionEnded).toHaveBeenCalledTimes(1);
  });

  it('answers null on 401, without reporting the session as ended', async () => {
    const onSessionEnded = vi.fn();
    const { fetch } = fakeFetch(() => json(401, { error: 'unauthenticated', message: 'You are not signed in.' }));
    const client = createClient({ fetch, onSessionEnded });
    const events: SessionEvent[] = [];
    client.subscribe((event) => events.push(event));
    await expect(client.me()).resolves.toBeNull();
    expect(onSessionEnded).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });

  it('keeps fields a newer BFF adds', async () => {
    const { fetch } = fakeFetch(() => json(200, { ...me, roles: ['admin'] }));
    await expect(createClient({ fetch }).me()).resolves.toMatchObject({ roles: ['admin'] });
  });

  it('rejects a profile with a field of the wrong type', async () => {
    const { fetch } = fakeFetch(() => json(200, { ...me, user: { ...me.user, emailVerified: 'yes' } }));
    await expect(createClient({ fetch }).me()).rejects.toMatchObject({ code: 'unexpected_response' });
  });

  it('throws other failures, e.g. a 500 from the BFF', async () => {
    const { fetch } = fakeFetch(() => json(500, { error: 'internal_error', message: 'Something went wrong on our side.' }));
    await expect(createClient({ fetch }).me()).rejects.toMatchObject({ code: 'internal_error', status: 500 });
  });

  it('throws a 503 store_unavailable with its status, code, message, reference and Retry-After, and never says signed out', async () => {
    const onSessionEnded = vi.fn();
    const { fetch } = fakeFetch(() => storeUnavailable({ 'Retry-After': '7', 'X-Request-Id': 'req-503' }));
    const client = createClient({ fetch, onSessionEnded });
    const events: SessionEvent[] = [];
    client.subscribe((event) => events.push(event));
    const failure = await client.me().catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SsoError);
    expect(failure).toMatchObject({
      code: 'store_unavailable',
      status: 503,
      message: 'The service is temporarily unavailable. Please try again in a moment.',
      requestId: 'req-503',
      retryAfter: 7,
    });
    expect(isTemporarilyUnavailable(failure)).toBe(true);
    expect(onSessionEnded).not.toHaveBeenCalled();
    expect(events).toEqual([]);
  });
});

describe('logout()', () => {
  it('POSTs with X-CSRF: 1 and answers where to go next', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { redirectTo: '/login' }));
    await expect(createClient({ baseUrl: BFF, fetch }).logout()).resolves.toEqual({ redirectTo: '/login' });
    expect(requests[0]).toMatchObject({ url: `${BFF}/auth/logout`, method: 'POST', credentials: 'include' });
    expect(requests[0]!.headers.get('X-CSRF')).toBe('1');
  });

  it('asks to come back to returnTo afterwards, encoded', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { redirectTo: 'https://admin.example.com/bye' }));
    await createClient({ baseUrl: BFF, fetch }).logout({ returnTo: 'https://admin.example.com/bye?x=1' });
    expect(requests[0]!.url).toBe(`${BFF}/auth/logout?returnTo=${encodeURIComponent('https://admin.example.com/bye?x=1')}`);
  });

  it("passes on an absolute redirectTo (the BFF's end-session page) as it is", async () => {
    const redirectTo = `${BFF}/auth/end-session?id=${'a'.repeat(43)}`;
    const { fetch } = fakeFetch(() => json(200, { redirectTo }));
    await expect(createClient({ fetch }).logout()).resolves.toEqual({ redirectTo });
  });

  it('tells subscribers the user signed out, but not onSessionEnded (that is for sessions that ended on their own)', async () => {
    const onSessionEnded = vi.fn();
    const { fetch } = fakeFetch(() => json(200, { redirectTo: '/login' }));
    const client = createClient({ fetch, onSessionEnded });
    const events: SessionEvent[] = [];
    client.subscribe((event) => events.push(event));
    await client.logout();
    expect(events).toEqual(['signed-out']);
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('with follow, goes straight on to redirectTo and sends no signed-out event that would flash the sign-in page', async () => {
    const redirectTo = `${BFF}/auth/end-session?id=${'b'.repeat(43)}`;
    const { fetch } = fakeFetch(() => json(200, { redirectTo }));
    const assigned: string[] = [];
    const client = createClient({ baseUrl: BFF, fetch, assign: (url) => assigned.push(url) });
    const events: SessionEvent[] = [];
    client.subscribe((event) => events.push(event));
    await client.logout({ follow: true });
    expect(assigned).toEqual([redirectTo]);
    expect(events).toEqual([]);
  });

  it('with follow, resolves a path against the BFF and never follows a javascript: URL', async () => {
    const answers = ['/login', 'javascript:alert(1)'];
    const { fetch } = fakeFetch(() => json(200, { redirectTo: answers.shift() }));
    const assigned: string[] = [];
    const client = createClient({ baseUrl: BFF, fetch, assign: (url) => assigned.push(url) });
    await client.logout({ follow: true });
    await client.logout({ follow: true });
    expect(assigned).toEqual([`${BFF}/login`, `${BFF}/login`]);
  });

  it("an error carries the BFF's request id, to quote to support", async () => {
    const { fetch } = fakeFetch(
      () =>
        new Response(JSON.stringify({ error: 'csrf_failed', message: 'Refused.' }), {
          status: 403,
          headers: { 'Content-Type': 'application/json', 'X-Request-Id': 'req-12345678' },
        }),
    );
    await expect(createClient({ fetch }).logout()).rejects.toMatchObject({ code: 'csrf_failed', requestId: 'req-12345678' });
  });

  it('reports a CSRF refusal with its code and does not say the user signed out', async () => {
    const { fetch } = fakeFetch(() => json(403, { error: 'csrf_failed', message: 'Refused.' }));
    const client = createClient({ fetch });
    const events: SessionEvent[] = [];
    client.subscribe((event) => events.push(event));
    await expect(client.logout()).rejects.toMatchObject({ code: 'csrf_failed', status: 403, message: 'Refused.' });
    expect(events).toEqual([]);
  });
});

describe('identities() and disconnect()', () => {
  it('lists the connected accounts', async () => {
    const list = [identity({ current: true }), identity({ provider: 'google', providerName: 'Google', subject: 'g-1' })];
    const { fetch, requests } = fakeFetch(() => json(200, list));
    await expect(createClient({ baseUrl: BFF, fetch }).identities()).resolves.toEqual(list);
    expect(requests[0]).toMatchObject({ url: `${BFF}/auth/identities`, method: 'GET' });
  });

  it('DELETEs one account with X-CSRF: 1 and answers with those that remain', async () => {
    const remaining = [identity({ current: true })];
    const { fetch, requests } = fakeFetch(() => json(200, remaining));
    await expect(createClient({ baseUrl: BFF, fetch }).disconnect('google', 'g-1')).resolves.toEqual(remaining);
    expect(requests[0]).toMatchObject({ url: `${BFF}/auth/identities/google/g-1`, method: 'DELETE', credentials: 'include' });
    expect(requests[0]!.headers.get('X-CSRF')).toBe('1');
  });

  it('encodes both parts of the DELETE path (they are the provider’s own strings)', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, []));
    const client = createClient({ fetch });
    await client.disconnect('okta', 'auth0|abc/def?x=1#y');
    await client.disconnect('my idp', 'ä b');
    expect(requests.map((r) => r.url)).toEqual([
      '/auth/identities/okta/auth0%7Cabc%2Fdef%3Fx%3D1%23y',
      '/auth/identities/my%20idp/%C3%A4%20b',
    ]);
  });

  it('reports the refusal to remove the last account with its code', async () => {
    const { fetch } = fakeFetch(() => json(409, { error: 'last_identity', message: 'This is your only way to sign in.' }));
    const failure = await createClient({ fetch })
      .disconnect('github', '1001')
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SsoError);
    expect(failure).toMatchObject({ code: 'last_identity', status: 409, message: 'This is your only way to sign in.' });
  });
});

describe('sessions(), revokeSession() and revokeOtherSessions()', () => {
  const current = session();
  const other = session({ id: 's-2', current: false, userAgent: null });

  it('lists the signed-in devices', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, [current, other]));
    await expect(createClient({ baseUrl: BFF, fetch }).sessions()).resolves.toEqual([current, other]);
    expect(requests[0]).toMatchObject({ url: `${BFF}/auth/sessions`, method: 'GET', credentials: 'include' });
  });

  it('signs out one device with DELETE /auth/sessions/:id and X-CSRF: 1, answering with the rest', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, [current]));
    await expect(createClient({ baseUrl: BFF, fetch }).revokeSession('s/2?')).resolves.toEqual([current]);
    expect(requests[0]).toMatchObject({ url: `${BFF}/auth/sessions/s%2F2%3F`, method: 'DELETE' });
    expect(requests[0]!.headers.get('X-CSRF')).toBe('1');
  });

  it('signs out every other device with DELETE /auth/sessions and X-CSRF: 1', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, [current]));
    await expect(createClient({ baseUrl: BFF, fetch }).revokeOtherSessions()).resolves.toEqual([current]);
    expect(requests[0]).toMatchObject({ url: `${BFF}/auth/sessions`, method: 'DELETE' });
    expect(requests[0]!.headers.get('X-CSRF')).toBe('1');
  });

  it('reports an older BFF without the endpoint as a 404', async () => {
    const { fetch } = fakeFetch(() => json(404, { error: 'not_found', message: 'Not found.' }));
    await expect(createClient({ fetch }).sessions()).rejects.toMatchObject({ code: 'not_found', status: 404 });
  });
});

describe('api()', () => {
  it('GETs through the BFF with the cookie, asking for JSON, without X-CSRF', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, { hello: 'world' }));
    const res = await createClient({ baseUrl: BFF, fetch }).api('/api/demo/hello');
    await expect(res.json()).resolves.toEqual({ hello: 'world' });
    expect(requests[0]).toMatchObject({ url: `${BFF}/api/demo/hello`, method: 'GET', credentials: 'include' });
    expect(requests[0]!.headers.get('Accept')).toBe('application/json');
    expect(requests[0]!.headers.get('X-CSRF')).toBeNull();
  });

  it.each(['POST', 'PUT', 'PATCH', 'DELETE', 'post'])('adds X-CSRF: 1 to %s and keeps the caller’s headers and body', async (method) => {
    const { fetch, requests } = fakeFetch(() => json(200, {}));
    await createClient({ fetch }).api('/api/demo/items', {
      method,
      headers: [['Content-Type', 'application/json']],
      body: '{"a":1}',
    });
    expect(requests[0]!.method).toBe(method.toUpperCase());
    expect(requests[0]!.headers.get('X-CSRF')).toBe('1');
    expect(requests[0]!.headers.get('Content-Type')).toBe('application/json');
    expect(requests[0]!.init.body).toBe('{"a":1}');
  });

  it('sends no X-CSRF on HEAD and keeps an Accept the caller chose', async () => {
    const { fetch, requests } = fakeFetch(() => new Response(null, { status: 200 }));
    await createClient({ fetch }).api('/api/demo/file', { method: 'HEAD', headers: { Accept: 'text/csv' } });
    expect(requests[0]!.headers.get('X-CSRF')).toBeNull();
    expect(requests[0]!.headers.get('Accept')).toBe('text/csv');
  });

  it('lets the caller choose other credentials', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, {}));
    await createClient({ fetch }).api('/api/public', { credentials: 'omit' });
    expect(requests[0]!.credentials).toBe('omit');
  });

  it('throws a non-2xx answer as an SsoError', async () => {
    const { fetch } = fakeFetch(() => json(502, { error: 'provider_unavailable', message: 'Upstream is down.' }));
    await expect(createClient({ fetch }).api('/api/demo/hello')).rejects.toMatchObject({
      code: 'provider_unavailable',
      status: 502,
    });
  });
});

describe('a session that ended', () => {
  it.each([
    ['providers()', (c: ReturnType<typeof createClient>) => c.providers()],
    ['identities()', (c: ReturnType<typeof createClient>) => c.identities()],
    ['disconnect()', (c: ReturnType<typeof createClient>) => c.disconnect('github', '1')],
    ['sessions()', (c: ReturnType<typeof createClient>) => c.sessions()],
    ['revokeSession()', (c: ReturnType<typeof createClient>) => c.revokeSession('s-2')],
    ['revokeOtherSessions()', (c: ReturnType<typeof createClient>) => c.revokeOtherSessions()],
    ['logout()', (c: ReturnType<typeof createClient>) => c.logout()],
    ['api()', (c: ReturnType<typeof createClient>) => c.api('/api/demo/hello')],
  ])('a 401 from %s calls onSessionEnded, tells subscribers, and throws unauthenticated', async (_name, run) => {
    const onSessionEnded = vi.fn();
    const { fetch } = fakeFetch(() => json(401, { error: 'unauthenticated', message: 'You are not signed in.' }));
    const client = createClient({ fetch, onSessionEnded });
    const events: SessionEvent[] = [];
    client.subscribe((event) => events.push(event));
    await expect(run(client)).rejects.toMatchObject({ code: 'unauthenticated', status: 401 });
    expect(onSessionEnded).toHaveBeenCalledOnce();
    expect(events).toEqual(['ended']);
  });

  it('other failures do not end the session', async () => {
    const onSessionEnded = vi.fn();
    const { fetch } = fakeFetch(() => json(403, { error: 'csrf_failed', message: 'Refused.' }));
    await expect(createClient({ fetch, onSessionEnded }).revokeOtherSessions()).rejects.toBeInstanceOf(SsoError);
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('a listener that stops listening hears nothing more', async () => {
    const { fetch } = fakeFetch(() => json(401, { error: 'unauthenticated', message: '' }));
    const client = createClient({ fetch });
    const listener = vi.fn();
    const stop = client.subscribe(listener);
    stop();
    await client.identities().catch(() => undefined);
    expect(listener).not.toHaveBeenCalled();
  });

  it('a listener that throws neither hides the error from the caller nor silences other listeners', async () => {
    const { fetch } = fakeFetch(() => json(401, { error: 'unauthenticated', message: '' }));
    const client = createClient({ fetch });
    const reported = new Promise<unknown>((resolve) => process.once('uncaughtException', resolve));
    const second = vi.fn();
    client.subscribe(() => {
      throw new Error('broken listener');
    });
    client.subscribe(second);
    await expect(client.identities()).rejects.toMatchObject({ code: 'unauthenticated' });
    expect(second).toHaveBeenCalledWith('ended');
    await expect(reported).resolves.toMatchObject({ message: 'broken listener' });
  });
});

describe('errors', () => {
  it('an answer that never came is network_error with status 0, keeping the cause', async () => {
    const cause = new TypeError('Failed to fetch');
    const { fetch } = fakeFetch(() => {
      throw cause;
    });
    const failure = await createClient({ fetch })
      .providers()
      .catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SsoError);
    expect(failure).toMatchObject({ code: 'network_error', status: 0, cause });
    expect((failure as SsoError).message).toMatch(/could not reach the server/i);
  });

  it('a cancelled call rejects with the AbortError itself, not as a failure to show', async () => {
    const { fetch } = fakeFetch(({ init }) => {
      throw init.signal!.reason;
    });
    const controller = new AbortController();
    controller.abort();
    await expect(createClient({ fetch }).me({ signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(createClient({ fetch }).identities({ signal: controller.signal })).rejects.not.toBeInstanceOf(SsoError);
  });

  it('passes the signal on to fetch', async () => {
    const { fetch, requests } = fakeFetch(() => json(200, []));
    const controller = new AbortController();
    await createClient({ fetch }).sessions({ signal: controller.signal });
    expect(requests[0]!.init.signal).toBe(controller.signal);
  });

  it('an error page from a proxy is unexpected_response with its status', async () => {
    const { fetch } = fakeFetch(() => new Response('<h1>Bad Gateway</h1>', { status: 502, headers: { 'Content-Type': 'text/html' } }));
    const failure = await createClient({ fetch })
      .identities()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'unexpected_response', status: 502 });
    expect((failure as SsoError).message).toMatch(/not available right now/);
  });

  it('a 4xx without our error body names its status', async () => {
    const { fetch } = fakeFetch(() => new Response('nope', { status: 418 }));
    await expect(createClient({ fetch }).providers()).rejects.toMatchObject({
      code: 'unexpected_response',
      status: 418,
      message: 'The server answered with an unexpected error (HTTP 418).',
    });
  });

  it('a 200 that is not JSON is unexpected_response', async () => {
    const { fetch } = fakeFetch(() => new Response('<!doctype html><title>Login portal</title>', { status: 200 }));
    await expect(createClient({ fetch }).me()).rejects.toMatchObject({ code: 'unexpected_response', status: 200 });
  });

  it('a 503 from any call carries the Retry-After seconds and does not end the session', async () => {
    const onSessionEnded = vi.fn();
    const { fetch } = fakeFetch(() => storeUnavailable({ 'Retry-After': '3' }));
    const client = createClient({ fetch, onSessionEnded });
    await expect(client.identities()).rejects.toMatchObject({ code: 'store_unavailable', status: 503, retryAfter: 3 });
    await expect(client.revokeOtherSessions()).rejects.toMatchObject({ code: 'store_unavailable', retryAfter: 3 });
    expect(onSessionEnded).not.toHaveBeenCalled();
  });

  it('reads a Retry-After given as an HTTP date as the seconds until then', async () => {
    const at = new Date(Date.now() + 10_000).toUTCString();
    const { fetch } = fakeFetch(() => storeUnavailable({ 'Retry-After': at }));
    const failure = (await createClient({ fetch })
      .sessions()
      .catch((error: unknown) => error)) as SsoError;
    // toUTCString drops the milliseconds, and a moment passes: 9 or 10.
    expect(failure.retryAfter).toBeGreaterThanOrEqual(9);
    expect(failure.retryAfter).toBeLessThanOrEqual(10);
  });

  it('an error without Retry-After has retryAfter undefined', async () => {
    const { fetch } = fakeFetch(() => storeUnavailable());
    await expect(createClient({ fetch }).sessions()).rejects.toMatchObject({ code: 'store_unavailable', retryAfter: undefined });
  });

  it("a gateway's 503 page is temporarily unavailable too, with its Retry-After", async () => {
    const { fetch } = fakeFetch(() => new Response('<h1>Service Unavailable</h1>', { status: 503, headers: { 'Retry-After': '12' } }));
    const failure = await createClient({ fetch })
      .me()
      .catch((error: unknown) => error);
    expect(failure).toMatchObject({ code: 'unexpected_response', status: 503, retryAfter: 12 });
    expect(isTemporarilyUnavailable(failure)).toBe(true);
  });

  it('only a 503 or store_unavailable counts as temporarily unavailable', () => {
    expect(isTemporarilyUnavailable(new SsoError('provider_unavailable', 503, 'Down.'))).toBe(true);
    expect(isTemporarilyUnavailable(new SsoError('internal_error', 500, 'Oops.'))).toBe(false);
    expect(isTemporarilyUnavailable(new SsoError('unauthenticated', 401, 'Signed out.'))).toBe(false);
    expect(isTemporarilyUnavailable(new SsoError('network_error', 0, 'Offline.'))).toBe(false);
    expect(isTemporarilyUnavailable({ code: 'store_unavailable', status: 503 })).toBe(false);
  });

  it('passes on a code a newer BFF knows and this client does not', async () => {
    const { fetch } = fakeFetch(() => json(429, { error: 'rate_limited', message: 'Slow down.' }));
    await expect(createClient({ fetch }).providers()).rejects.toMatchObject({ code: 'rate_limited', status: 429, message: 'Slow down.' });
  });
});

describe('loginUrl() and login()', () => {
  const google = { id: 'google', name: 'Google', loginUrl: `${BFF}/auth/login/google` };
  const client = createClient({ baseUrl: BFF, fetch: fakeFetch().fetch });

  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("is the provider's loginUrl as the BFF sent it, when no returnTo is asked for", () => {
    expect(client.loginUrl(google)).toBe(`${BFF}/auth/login/google`);
  });

  it('asks the BFF to come back to the encoded returnTo', () => {
    expect(client.loginUrl(google, '/profile?tab=1&x=a b')).toBe(`${BFF}/auth/login/google?returnTo=%2Fprofile%3Ftab%3D1%26x%3Da%20b`);
  });

  it('encodes an absolute returnTo of another frontend (the BFF decides whether it is allowed)', () => {
    expect(client.loginUrl(google, 'http://localhost:5174/')).toBe(`${BFF}/auth/login/google?returnTo=http%3A%2F%2Flocalhost%3A5174%2F`);
  });

  it('adds intent=link to connect another account', () => {
    expect(client.loginUrl(google, '/profile', { intent: 'link' })).toBe(`${BFF}/auth/login/google?returnTo=%2Fprofile&intent=link`);
  });

  it('adds to a login URL that already has a query', () => {
    const okta = { id: 'okta', name: 'Okta', loginUrl: `${BFF}/auth/login/okta?prompt=login` };
    expect(client.loginUrl(okta, '/profile', { intent: 'link' })).toBe(
      `${BFF}/auth/login/okta?prompt=login&returnTo=%2Fprofile&intent=link`,
    );
  });

  it('keeps a provider id with URL-encoded characters as the BFF sent it', () => {
    const spaced = { id: 'my idp', name: 'My IdP', loginUrl: 'http://localhost:5173/auth/login/my%20idp' };
    expect(client.loginUrl(spaced, '/profile')).toBe('http://localhost:5173/auth/login/my%20idp?returnTo=%2Fprofile');
  });

  it('builds the URL from a provider id on baseUrl, encoding the id', () => {
    expect(client.loginUrl('dev', '/')).toBe(`${BFF}/auth/login/dev?returnTo=%2F`);
    expect(client.loginUrl('my idp/x')).toBe(`${BFF}/auth/login/my%20idp%2Fx`);
    expect(createClient({ fetch: fakeFetch().fetch }).loginUrl('dev')).toBe('/auth/login/dev');
  });

  it('login() navigates the whole page there', () => {
    const assign = vi.fn();
    vi.stubGlobal('window', { location: { assign } });
    client.login(google, '/profile');
    expect(assign).toHaveBeenCalledWith(`${BFF}/auth/login/google?returnTo=%2Fprofile`);
  });
});
