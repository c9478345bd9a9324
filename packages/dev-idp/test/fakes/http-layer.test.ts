import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { startFakeFacebook, startFakeGitHub, type FakeServer } from '../../src/fakes/index.js';
import { postForm, redirectUri } from './support.js';

const LIMIT = 64 * 1024;
const ghClient = { clientId: 'Iv1.testgithubclient', clientSecret: 'gh-test-secret', redirectUris: [redirectUri] };
const fbClient = { clientId: '1234567890123456', clientSecret: 'fb-test-secret', redirectUris: [redirectUri] };

/** A form body of exactly `bytes` bytes. */
const formOf = (bytes: number) => ({ pad: 'x'.repeat(bytes - 'pad='.length) });

describe("the fakes' HTTP layer", () => {
  let gh: FakeServer;
  let fb: FakeServer;
  const logs: string[] = [];
  beforeAll(async () => {
    gh = await startFakeGitHub({ client: ghClient, logger: (msg) => logs.push(msg) });
    fb = await startFakeFacebook({ client: fbClient });
  });
  afterAll(() => Promise.all([gh.close(), fb.close()]));

  it('reads a body of 64 KiB and refuses one byte more with 413 Payload Too Large, whatever its type', async () => {
    const atLimit = await postForm(`${gh.url}/login/oauth/access_token`, formOf(LIMIT), { accept: 'application/json' });
    expect(atLimit.status).toBe(200);
    expect(await atLimit.json()).toMatchObject({ error: 'incorrect_client_credentials' });

    const over = await postForm(`${gh.url}/login/oauth/access_token`, formOf(LIMIT + 1));
    expect(over.status).toBe(413);
    expect(over.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await over.text()).toBe('Payload Too Large');

    const text = await fetch(`${gh.url}/login/oauth/access_token`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'x'.repeat(LIMIT + 1),
    });
    expect(text.status).toBe(413);
    expect(logs).toEqual([]);
  });

  it('answers an unknown path with a plain 404, and another method on a known path with 405 and Allow', async () => {
    const missing = await fetch(`${gh.url}/login/oauth/nothing`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(await missing.text()).toBe('Not Found');

    const wrongMethod = await fetch(`${gh.url}/login/oauth/access_token`);
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get('allow')).toBe('POST');
  });

  it('matches paths exactly: a trailing slash or other case is a 404 where the provider has no such path', async () => {
    for (const path of ['/user/', '/User', '/login/oauth/access_token/']) {
      const response = await fetch(`${gh.url}${path}`, {
        method: path.startsWith('/login') ? 'POST' : 'GET',
        headers: { 'user-agent': 'test' },
      });
      expect(response.status, path).toBe(404);
    }
  });

  it("takes Facebook's Graph paths with or without a version and a trailing slash, and nothing else as a version", async () => {
    for (const path of ['/me', '/me/', '/v19.0/me', '/v2.3/me/']) {
      const response = await fetch(`${fb.url}${path}`);
      expect(response.status, path).toBe(400);
      expect(await response.json(), path).toMatchObject({ error: { code: 2500 } });
    }
    for (const path of ['/v19/me', '/x/me', '/avatars/me', '/v19.0/v19.0/me']) {
      expect((await fetch(`${fb.url}${path}`)).status, path).toBe(404);
    }
  });
});
