import { freePort, startDevIdp, demoUsers, type DemoUser, type DevIdp } from '@sso/dev-idp';
import type { MeResponse } from '@sso/profile';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { callbackFor, deliver, me, signIn } from '../integration/flow.js';
import { TestBrowser } from '../support/browser.js';
import { authorizeAtIdp } from '../support/idp.js';
import { CLIENT_ID, CLIENT_SECRET, SESSION_SECRET } from '../support/harness.js';
import { startBalancer, startBffProcess, type Balancer, type BffProcess } from '../support/instances.js';
import { describePostgres, type TestPostgres } from '../support/postgres.js';
import { startRecordingUpstream } from '../support/upstream.js';

/**
 * Two BFF processes on one PostgreSQL behind a balancer without sticky sessions: every request
 * may reach either, and the result must be the one a single instance would give.
 */

const DEV_CLIENT_ID = 'bff-test-dev';
/** Access tokens become stale (30 s skew) two seconds after they are issued: refreshes come quickly. */
const ACCESS_TOKEN_TTL_SECONDS = 32;
const CROWD = 400;
const crowd: DemoUser[] = Array.from({ length: CROWD }, (_, i) => ({
  id: `user${i}`,
  name: `User ${i}`,
  email: `user${i}@example.com`,
  emailVerified: true,
  avatar: false,
}));

const CAROL = demoUsers.find((u) => u.id === 'carol')!.name;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const csrf = { 'X-CSRF': '1' };

describePostgres('many instances on one PostgreSQL', (server: () => TestPostgres) => {
  let idp: DevIdp;
  let balancer: Balancer;
  let upstream: Awaited<ReturnType<typeof startRecordingUpstream>>;
  let databaseUrl: string;
  let env: Record<string, string>;
  const instances: BffProcess[] = [];

  async function restart(index: number): Promise<number | null> {
    const code = await instances[index]!.stop('SIGTERM');
    instances[index] = await startBffProcess(env);
    balancer.backends[index] = instances[index].url;
    return code;
  }

  /** GET through one given instance. */
  const via = (browser: TestBrowser, index: number, path: string, init: RequestInit = {}) =>
    browser.request(`${balancer.origin}${path}`, {
      ...init,
      headers: { accept: 'application/json', ...(init.headers as Record<string, string>), 'x-instance': String(index) },
    });

  beforeAll(async () => {
    databaseUrl = await server().createDatabase();
    const port = await freePort();
    const origin = `http://127.0.0.1:${port}`;
    balancer = await startBalancer(port);
    idp = await startDevIdp({
      port: 0,
      host: '127.0.0.1',
      logger: () => undefined,
      users: [...demoUsers, ...crowd],
      accessTokenTtlSeconds: ACCESS_TOKEN_TTL_SECONDS,
      clients: [
        {
          clientId: CLIENT_ID,
          clientSecret: CLIENT_SECRET,
          redirectUris: [`${origin}/auth/callback/oidc`],
          postLogoutRedirectUris: [`${origin}/login`, `${origin}/auth/logged-out`],
          backchannelLogoutUri: `${origin}/auth/backchannel-logout/oidc`,
        },
        { clientId: DEV_CLIENT_ID, clientSecret: CLIENT_SECRET, redirectUris: [`${origin}/auth/callback/dev`] },
      ],
    });
    upstream = await startRecordingUpstream();
    env = {
      NODE_ENV: 'test',
      PUBLIC_URL: origin,
      SESSION_SECRET,
      DATABASE_URL: databaseUrl,
      DATABASE_CONNECT_TIMEOUT: '1',
      DATABASE_STATEMENT_TIMEOUT: '2',
      DATABASE_POOL_SIZE: '20',
      OIDC_ISSUER: idp.issuer,
      OIDC_CLIENT_ID: CLIENT_ID,
      OIDC_CLIENT_SECRET: CLIENT_SECRET,
      OIDC_NAME: 'Test IdP',
      DEV_IDP: 'on',
      DEV_IDP_ISSUER: idp.issuer,
      DEV_IDP_CLIENT_ID: DEV_CLIENT_ID,
      DEV_IDP_CLIENT_SECRET: CLIENT_SECRET,
      API_ROUTES: `/api/rec=${upstream.url}|GET,POST`,
      // Hundreds of simulated users, all from one loopback address: rateLimits.test.ts covers the limits.
      RATE_LIMIT: 'off',
    };
    // Both start at the same moment on the empty database: the migration lock lets them take turns.
    instances.push(...(await Promise.all([startBffProcess(env), startBffProcess(env)])));
    balancer.backends.push(...instances.map((i) => i.url));
  }, 60_000);

  afterAll(async () => {
    for (const instance of instances) await instance.stop();
    await balancer?.close();
    await upstream?.close();
    await idp?.close();
  });

  it('a sign-in started on one instance finishes on the other, and /auth/me answers the same on both', async () => {
    const browser = new TestBrowser();
    let result: Awaited<ReturnType<typeof deliver>>;
    try {
      balancer.pinned = 0;
      const callback = await callbackFor(browser, balancer, { user: 'alice' });
      balancer.pinned = 1;
      result = await deliver(browser, callback);
    } finally {
      balancer.pinned = undefined;
    }
    expect(result.status).toBe(302);
    expect(result.location).toBe('/');
    const answers = await Promise.all([via(browser, 0, '/auth/me'), via(browser, 1, '/auth/me')]);
    const bodies = await Promise.all(answers.map((a) => a.json() as Promise<MeResponse>));
    expect(answers.map((a) => a.status)).toEqual([200, 200]);
    expect(bodies[0]!.user).toEqual(bodies[1]!.user);
    expect(bodies[0]!.user.name).toBe('Alice Liddell');
  });

  it('sign-out, "sign out other devices" and disconnecting an account take effect on every instance at once', async () => {
    const laptop = new TestBrowser();
    const phone = new TestBrowser();
    await signIn(laptop, balancer, { user: 'bob' });
    await signIn(phone, balancer, { user: 'bob' });
    expect((await via(phone, 1, '/auth/me')).status).toBe(200);
    // The laptop (on instance 0) signs the other devices out: the phone is out on instance 1 at once.
    expect((await via(laptop, 0, '/auth/sessions', { method: 'DELETE', headers: csrf })).status).toBe(200);
    const phoneMe = await via(phone, 1, '/auth/me');
    expect(phoneMe.status).toBe(401);
    expect(await phoneMe.json()).toMatchObject({ reason: 'signed_out_elsewhere' });

    // Connect the dev provider through instance 1, disconnect it through instance 0, list on 1.
    balancer.pinned = 1;
    try {
      const link = await laptop.request(`${balancer.origin}/auth/login/dev?intent=link&returnTo=%2Fprofile`);
      const callback = await authorizeAtIdp(laptop, new URL(link.headers.get('location')!), balancer.origin, { user: 'bob' });
      expect((await laptop.request(callback)).headers.get('location')).toBe('/profile?linked=dev');
    } finally {
      balancer.pinned = undefined;
    }
    const before = (await (await via(laptop, 0, '/auth/identities')).json()) as Array<{ provider: string }>;
    expect(before.map((i) => i.provider).sort()).toEqual(['dev', 'oidc']);
    expect((await via(laptop, 0, '/auth/identities/dev/bob', { method: 'DELETE', headers: csrf })).status).toBe(200);
    const after = (await (await via(laptop, 1, '/auth/identities')).json()) as Array<{ provider: string }>;
    expect(after.map((i) => i.provider)).toEqual(['oidc']);

    // Signing out on instance 1 ends the session on instance 0.
    expect((await via(laptop, 1, '/auth/logout', { method: 'POST', headers: csrf })).status).toBe(200);
    expect((await via(laptop, 0, '/auth/me')).status).toBe(401);
  });

  it('a callback delivered twice at the same moment to both instances signs in once with one token request', async () => {
    const browser = new TestBrowser();
    const callback = await callbackFor(browser, balancer, { user: 'carol' });
    const codesBefore = idp.grants().authorization_code ?? 0;
    const [first, second] = await Promise.all([
      browser.request(callback, { headers: { 'x-instance': '0' } }),
      browser.request(callback, { headers: { 'x-instance': '1' } }),
    ]);
    const locations = [first.headers.get('location'), second.headers.get('location')].sort();
    expect(locations).toEqual(['/', '/login?error=login_replayed']);
    expect((idp.grants().authorization_code ?? 0) - codesBefore).toBe(1);
    const signedIn = await me(browser, balancer);
    expect(signedIn.status).toBe(200);
    expect(signedIn.body.user.name).toBe(CAROL);
  });

  it('a logout token accepted by one instance is refused by the other, and after a restart', async () => {
    const browser = new TestBrowser();
    await signIn(browser, balancer, { user: 'alice' });
    // Capture the logout token the IdP sends: it reaches one instance through the balancer.
    const tokens: string[] = [];
    const original = balancer.backends.slice();
    const { createServer } = await import('node:http');
    const tap = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        tokens.push(body);
        fetch(new URL(req.url!, original[0]), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body,
        }).then(
          async (answer) => res.writeHead(answer.status).end(await answer.text()),
          () => res.writeHead(502).end(),
        );
      });
    });
    await new Promise<void>((resolve) => tap.listen(0, '127.0.0.1', resolve));
    balancer.backends[0] = `http://127.0.0.1:${(tap.address() as import('node:net').AddressInfo).port}`;
    balancer.pinned = 0;
    try {
      await idp.endSessionsFor('alice');
    } finally {
      balancer.pinned = undefined;
      balancer.backends[0] = original[0]!;
      tap.close();
    }
    // One logout token per IdP session of alice's (earlier tests signed her in too).
    expect(tokens.length).toBeGreaterThan(0);
    expect((await me(browser, balancer)).status).toBe(401);
    const replay = (index: number) =>
      fetch(`${balancer.origin}/auth/backchannel-logout/oidc`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-instance': String(index) },
        body: tokens[0],
      });
    const onOther = await replay(1);
    expect(onOther.status).toBe(400);
    expect(await onOther.json()).toMatchObject({ error: 'invalid_request' });
    await restart(0);
    expect((await replay(0)).status).toBe(400);
  });

  it('a stale access token used by concurrent calls on both instances is refreshed once, and every call gets the new one', async () => {
    const browser = new TestBrowser();
    await signIn(browser, balancer, { user: 'bob' });
    await via(browser, 0, '/api/rec/warm');
    const original = upstream.requests.at(-1)!.headers.authorization;
    await sleep(2_500);
    const refreshesBefore = idp.grants().refresh_token ?? 0;
    const answers = await Promise.all(Array.from({ length: 16 }, (_, i) => via(browser, i % 2, `/api/rec/concurrent-${i}`)));
    expect(answers.map((a) => a.status)).toEqual(Array(16).fill(200));
    expect((idp.grants().refresh_token ?? 0) - refreshesBefore).toBe(1);
    const used = new Set(upstream.requests.filter((r) => r.url.includes('/concurrent-')).map((r) => r.headers.authorization));
    expect(used.size).toBe(1);
    expect([...used][0]).not.toBe(original);
    // The session still works everywhere (no spent refresh token written back).
    expect((await via(browser, 1, '/auth/me')).status).toBe(200);
    expect((await via(browser, 0, '/api/rec/after')).status).toBe(200);
  });

  it('no provider token can be read from any table', async () => {
    const browser = new TestBrowser();
    await signIn(browser, balancer, { user: 'carol' });
    await via(browser, 0, '/api/rec/seen');
    const accessToken = upstream.requests.at(-1)!.headers.authorization!.replace(/^Bearer /, '');
    expect(accessToken.length).toBeGreaterThan(20);
    const client = new pg.Client({ connectionString: databaseUrl });
    await client.connect();
    try {
      const tables = await client.query<{ tablename: string }>("SELECT tablename FROM pg_tables WHERE schemaname = 'public'");
      let dump = '';
      for (const { tablename } of tables.rows) {
        const rows = await client.query(`SELECT row_to_json(t)::text AS row FROM "${tablename}" t`);
        dump += rows.rows.map((r: { row: string }) => r.row).join('\n');
      }
      expect(dump).toContain('"tokens":"v1.');
      expect(dump.includes(accessToken)).toBe(false);
      expect(dump).not.toMatch(/"(access|refresh|id)_?[tT]oken"\s*:\s*"[^v]/);
    } finally {
      await client.end();
    }
  });

  it('SIGTERM lets a request in flight finish and exits 0; a sign-in started before the restart finishes after it', async () => {
    const signedIn = new TestBrowser();
    await signIn(signedIn, balancer, { user: 'carol' });
    const browser = new TestBrowser();
    balancer.pinned = 0;
    try {
      const callback = await callbackFor(browser, balancer, { user: 'alice' });
      const inFlight = via(signedIn, 0, '/api/rec/slow');
      await sleep(300);
      const code = await restart(0);
      expect(code).toBe(0);
      expect((await inFlight).status).toBe(200);
      const result = await deliver(browser, callback);
      expect(result.location).toBe('/');
    } finally {
      balancer.pinned = undefined;
    }
    expect((await me(browser, balancer)).status).toBe(200);
  });

  it('a database outage answers 503 store_unavailable with Retry-After on both instances, and both recover by themselves', async () => {
    if (!server().restartable) return;
    const browser = new TestBrowser();
    await signIn(browser, balancer, { user: 'bob' });
    await server().stop();
    try {
      for (const index of [0, 1]) {
        const started = Date.now();
        const answer = await via(browser, index, '/auth/me');
        expect(answer.status).toBe(503);
        expect(answer.headers.get('retry-after')).toBe('5');
        expect(await answer.json()).toMatchObject({ error: 'store_unavailable' });
        expect(Date.now() - started).toBeLessThan(5_000);
        expect((await via(browser, index, '/readyz')).status).toBe(503);
        expect((await via(browser, index, '/healthz')).status).toBe(200);
      }
    } finally {
      await server().start();
    }
    for (const index of [0, 1]) {
      const answer = await via(browser, index, '/auth/me');
      expect(answer.status).toBe(200);
      expect(((await answer.json()) as MeResponse).user.name).toBe('Bob Builder');
      expect((await via(browser, index, '/readyz')).status).toBe(200);
    }
  });

  it(`${CROWD} concurrent sign-ins spread over both instances: none fails, none is lost, none sees another's user`, async () => {
    const browsers = crowd.map(() => new TestBrowser());
    const countsBefore = balancer.counts.slice();
    const results = await Promise.all(
      browsers.map(async (browser, i) => {
        const location = await signIn(browser, balancer, { user: crowd[i]!.id }).catch((err: unknown) => `failed: ${String(err)}`);
        return { location, me: await me(browser, balancer) };
      }),
    );
    expect(results.filter((r) => r.location !== '/').map((r) => r.location)).toEqual([]);
    expect(results.map((r) => r.me.status)).toEqual(Array(CROWD).fill(200));
    expect(results.map((r) => r.me.body.user.name)).toEqual(crowd.map((u) => u.name));
    expect(new Set(results.map((r) => r.me.body.user.id)).size).toBe(CROWD);
    // Every sign-in is three requests to the BFF (login, callback, /auth/me), spread over both.
    expect(balancer.counts[0]! - countsBefore[0]!).toBeGreaterThan(CROWD);
    expect(balancer.counts[1]! - countsBefore[1]!).toBeGreaterThan(CROWD);
  }, 120_000);
});

describe('start-up without the database', () => {
  it('retries for DATABASE_STARTUP_TIMEOUT, then exits 1 with a message naming DATABASE_URL without its password', async () => {
    const failure = await startBffProcess({
      NODE_ENV: 'test',
      SESSION_SECRET,
      DATABASE_URL: 'postgres://sso:hunter2-secret@127.0.0.1:9/sso',
      DATABASE_STARTUP_TIMEOUT: '1',
    }).then(
      () => 'started',
      (err: Error) => err.message,
    );
    expect(failure).toContain('exited with 1 before listening');
    expect(failure).toContain('The BFF cannot start.');
    expect(failure).toContain('DATABASE_URL (postgres://sso:***@127.0.0.1:9/sso)');
    expect(failure).toMatch(/ECONNREFUSED/);
    expect(failure).not.toContain('hunter2');
  });
});
