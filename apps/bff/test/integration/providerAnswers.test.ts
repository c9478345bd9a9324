import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { cutOffAnswer, MB, streamAnswer, type Handler, type Streamed } from '../support/answers.js';
import { TestBrowser } from '../support/browser.js';
import { startBffAtStub, startStubIssuer, stubCallback, STUB_CLIENT, type StubIssuer } from '../support/stubIssuer.js';
import { deliver, me, sessionCookieSet } from './flow.js';

let stub: StubIssuer;
let bff: Awaited<ReturnType<typeof startBffAtStub>>;
beforeAll(async () => {
  stub = await startStubIssuer();
  bff = await startBffAtStub(stub);
});
afterAll(async () => {
  await bff?.close();
  await stub?.close();
});
afterEach(() => stub.reset());

const html: (status: number) => Handler = (status) => (req, res) => {
  req.resume();
  res.writeHead(status, { 'content-type': 'text/html' });
  res.end('<!doctype html><h1>Service temporarily unavailable</h1>');
};

/** Sign in against the stub; returns the callback's answer and whether a session came of it. */
async function signInAtStub() {
  const browser = new TestBrowser();
  const result = await deliver(browser, await stubCallback(browser, bff.origin, stub));
  return { ...result, session: (await me(browser, bff)).status === 200 };
}

function expectRefused(result: Awaited<ReturnType<typeof signInAtStub>>, code: string) {
  // A browser navigation: a redirect to the sign-in page with the code, never a 5xx page.
  expect(result.status).toBe(302);
  expect(result.location).toBe(`/login?error=${code}`);
  expect(sessionCookieSet(result.setCookies)).toBe(false);
  expect(result.session).toBe(false);
}

describe('the stub itself', () => {
  it('signs in when every answer is right (the control for every refusal below)', async () => {
    const result = await signInAtStub();
    expect(result.location).toBe('/');
    expect(result.session).toBe(true);
  });
});

describe('the token endpoint answering what it should not: refused with a stable code, no session', () => {
  it('an 8 MB answer is invalid_provider_response, and the BFF stops reading soon after the 1 MB limit', async () => {
    let streamed: Promise<Streamed> | undefined;
    stub.routes['/token'] = (req, res) => {
      req.resume();
      streamed = streamAnswer(res, 8 * MB, { delayMs: 2 });
    };
    expectRefused(await signInAtStub(), 'invalid_provider_response');
    const seen = await streamed!;
    expect(seen.closedEarly).toBe(true);
    expect(seen.written).toBeLessThan(2 * MB);
  });

  it('an HTML page with 200 is invalid_provider_response', async () => {
    stub.routes['/token'] = html(200);
    expectRefused(await signInAtStub(), 'invalid_provider_response');
  });

  it('an HTML error page with 502 is provider_unavailable (to the browser a redirect, not a 5xx)', async () => {
    stub.routes['/token'] = html(502);
    expectRefused(await signInAtStub(), 'provider_unavailable');
  });

  it('a redirect is invalid_provider_response and is not followed: the code is never sent on', async () => {
    stub.routes['/token'] = (req, res) => {
      req.resume();
      res.writeHead(307, { location: `${stub.url}/elsewhere` });
      res.end();
    };
    stub.routes['/elsewhere'] = async (req, res) => stub.routes['/token']!(req, res);
    const before = stub.seen.length;
    expectRefused(await signInAtStub(), 'invalid_provider_response');
    expect(stub.seen.slice(before)).not.toContain('/elsewhere');
  });

  it('truncated JSON is invalid_provider_response', async () => {
    stub.routes['/token'] = async (req, res) => {
      req.resume();
      const whole = JSON.stringify(await stub.tokenAnswer());
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(whole.slice(0, whole.length / 2));
    };
    expectRefused(await signInAtStub(), 'invalid_provider_response');
  });

  it('an answer cut off before its declared length is invalid_provider_response', async () => {
    stub.routes['/token'] = (req, res) => {
      req.resume();
      cutOffAnswer(res, '{"access_token":"stub-access-token","token_type":"Bearer",', 4096);
    };
    expectRefused(await signInAtStub(), 'invalid_provider_response');
  });

  it('a 200 whose body is an OAuth error is provider_error, as GitHub and Facebook say it', async () => {
    stub.routes['/token'] = (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'invalid_grant', error_description: 'code expired' }));
    };
    expectRefused(await signInAtStub(), 'provider_error');
  });
});

describe('the ID token', () => {
  const issuedIn =
    (seconds: number): Handler =>
    async (req, res) => {
      req.resume();
      const answer = await stub.tokenAnswer();
      const now = Math.floor(Date.now() / 1000);
      const idToken = await stub.sign({
        iss: stub.url,
        aud: STUB_CLIENT.clientId,
        sub: 'stub-user',
        iat: now + seconds,
        exp: now + seconds + 600,
        nonce: stub.nonce,
      });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...answer, id_token: idToken }));
    };

  it('issued an hour in the future is invalid_provider_response', async () => {
    stub.routes['/token'] = issuedIn(3600);
    expectRefused(await signInAtStub(), 'invalid_provider_response');
  });

  it('issued ten seconds ahead (ordinary clock skew) signs in', async () => {
    stub.routes['/token'] = issuedIn(10);
    expect((await signInAtStub()).session).toBe(true);
  });
});

describe('every other provider call goes through the same fetch', () => {
  /** The answer the stub would give at `path`, valid in every field, padded to 8 MB. */
  const padded = async (path: string): Promise<Handler> => {
    const normal = await fetch(`${stub.url}${path}`);
    const body = (await normal.json()) as Record<string, unknown>;
    return (req, res) => {
      req.resume();
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ...body, padding: ' '.repeat(8 * MB) }));
    };
  };

  it('discovery: an 8 MB document is invalid_provider_response at sign-in', async () => {
    const other = await startBffAtStub(stub);
    try {
      stub.routes['/.well-known/openid-configuration'] = await padded('/.well-known/openid-configuration');
      const browser = new TestBrowser();
      const start = await browser.request(`${other.origin}/auth/login/oidc`);
      expect(start.status).toBe(302);
      expect(start.headers.get('location')).toBe('/login?error=invalid_provider_response');
    } finally {
      await other.close();
    }
  });

  it('the ID token keys: a JWKS padded to 8 MB is refused, not read whole', async () => {
    const other = await startBffAtStub(stub);
    try {
      stub.routes['/jwks'] = await padded('/jwks');
      const browser = new TestBrowser();
      const result = await deliver(browser, await stubCallback(browser, other.origin, stub));
      expect(result.location).toBe('/login?error=invalid_provider_response');
      expect(sessionCookieSet(result.setCookies)).toBe(false);
    } finally {
      await other.close();
    }
  });

  it('userinfo: an 8 MB answer is invalid_provider_response', async () => {
    stub.routes['/userinfo'] = await padded('/userinfo');
    expectRefused(await signInAtStub(), 'invalid_provider_response');
  });

  it('back-channel logout: keys padded to 8 MB refuse the logout token (400); the same token verifies with normal keys', async () => {
    const other = await startBffAtStub(stub);
    try {
      const now = Math.floor(Date.now() / 1000);
      const logoutToken = (jti: string) =>
        stub.sign(
          {
            iss: stub.url,
            aud: STUB_CLIENT.clientId,
            iat: now,
            exp: now + 120,
            jti,
            sub: 'stub-user',
            events: { 'http://schemas.openid.net/event/backchannel-logout': {} },
          },
          'logout+jwt',
        );
      const post = async (token: string) =>
        fetch(`${other.origin}/auth/backchannel-logout/oidc`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ logout_token: token }),
        });
      stub.routes['/jwks'] = await padded('/jwks');
      expect((await post(await logoutToken('jti-1'))).status).toBe(400);
      stub.reset();
      expect((await post(await logoutToken('jti-2'))).status).toBe(200);
    } finally {
      await other.close();
    }
  });
});
