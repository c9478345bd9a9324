import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';

import { startFakesOn } from '../../src/fakes/startFakes.js';
import { fakeAccountId, fakeDefaults, startFakeFacebook } from '../../src/fakes/index.js';
import { authorizeUrl, codeOf, signIn } from './support.js';

const anyPort = { facebook: 0, github: 0, simplelogin: 0, google: 0 };
const bases = ['http://localhost:5173', 'http://localhost:3000/'];

describe('startFakes', () => {
  it('is exported, with the rest of the fakes API, from the package entry', async () => {
    const entry = await import('../../src/index.js');
    for (const name of [
      'startFakeFacebook',
      'startFakeGitHub',
      'startFakeSimpleLogin',
      'startFakeGoogle',
      'startFakes',
      'fakeAccountId',
    ] as const) {
      expect(typeof entry[name], name).toBe('function');
    }
    expect(entry.fakeDefaults).toBe(fakeDefaults);
  });

  it('uses the fixed dev credentials and ports', () => {
    expect(fakeDefaults).toEqual({
      facebook: { port: 4001, clientId: '1234567890123456', clientSecret: 'fake-facebook-secret' },
      github: { port: 4002, clientId: 'Iv1.fakegithubclient', clientSecret: 'fake-github-secret' },
      simplelogin: { port: 4003, clientId: 'sso-dev-app-fake-simplelogin', clientSecret: 'fake-simplelogin-secret' },
      google: { port: 4004, clientId: 'fake-google-client.apps.googleusercontent.com', clientSecret: 'fake-google-secret' },
    });
  });

  it('starts all four, each accepting only its own callback path on every redirect base', async () => {
    const fakes = await startFakesOn(anyPort, { host: '127.0.0.1', redirectBases: bases });
    try {
      const { facebook, github } = fakes.servers;
      for (const base of ['http://localhost:5173', 'http://localhost:3000']) {
        const ok = authorizeUrl(github.url, '/login/oauth/authorize', {
          client_id: fakeDefaults.github.clientId,
          redirect_uri: `${base}/auth/callback/github`,
        });
        expect((await fetch(ok)).status).toBe(200);
      }
      const foreign = authorizeUrl(facebook.url, '/v19.0/dialog/oauth', {
        client_id: fakeDefaults.facebook.clientId,
        redirect_uri: 'http://localhost:5173/auth/callback/github',
      });
      expect((await fetch(foreign, { redirect: 'manual' })).status).toBe(400);
      for (const [path, server] of [
        ['/.well-known/openid-configuration', fakes.servers.simplelogin],
        ['/.well-known/openid-configuration', fakes.servers.google],
      ] as const) {
        expect((await fetch(`${server.url}${path}`)).status).toBe(200);
      }
    } finally {
      await fakes.close();
    }
    await expect(fetch(`${fakes.servers.google.url}/.well-known/openid-configuration`)).rejects.toThrow();
  });

  it('closes the ones that started when one port is taken, and names the address', async () => {
    const blocker = createServer();
    const port = await new Promise<number>((resolve) =>
      blocker.listen(0, '127.0.0.1', () => resolve((blocker.address() as { port: number }).port)),
    );
    try {
      await expect(startFakesOn({ ...anyPort, github: port }, { host: '127.0.0.1', redirectBases: bases })).rejects.toThrow(
        `fake GitHub could not listen on 127.0.0.1:${port} (EADDRINUSE)`,
      );
    } finally {
      blocker.close();
    }
  });
});

describe('fake logs', () => {
  it('never contain the client secret, a code or a token', async () => {
    const lines: string[] = [];
    const client = { clientId: '1234567890123456', clientSecret: 'super-secret-value', redirectUris: ['http://127.0.0.1:3999/cb'] };
    const fb = await startFakeFacebook({ client, logger: (line) => lines.push(line) });
    try {
      const location = await signIn(
        fb.url,
        authorizeUrl(fb.url, '/v19.0/dialog/oauth', { client_id: client.clientId, redirect_uri: client.redirectUris[0]!, state: 's' }),
      );
      const code = codeOf(location);
      const token = (await (
        await fetch(
          `${fb.url}/v19.0/oauth/access_token?${new URLSearchParams({ client_id: client.clientId, client_secret: client.clientSecret, redirect_uri: client.redirectUris[0]!, code }).toString()}`,
        )
      ).json()) as { access_token: string };
      expect(lines.length).toBeGreaterThan(0);
      for (const secret of [client.clientSecret, code, token.access_token]) expect(lines.join('\n')).not.toContain(secret);
    } finally {
      await fb.close();
    }
  });
});

describe('fakeAccountId', () => {
  it('gives the demo users fixed, provider-shaped ids', () => {
    expect(fakeAccountId('facebook', 'alice')).toBe('10223344556677889');
    expect(fakeAccountId('github', 'bob')).toBe('1024025');
    expect(fakeAccountId('simplelogin', 'carol')).toBe('48215');
    expect(fakeAccountId('google', 'alice')).toBe('109876543210987654321');
  });

  it('uses numeric handles as they are and derives stable numbers for other handles', () => {
    expect(fakeAccountId('github', '42')).toBe('42');
    expect(fakeAccountId('facebook', 'dave')).toMatch(/^10\d{15}$/);
    expect(fakeAccountId('google', 'dave')).toMatch(/^1\d{20}$/);
    expect(fakeAccountId('google', 'dave')).toBe(fakeAccountId('google', 'dave'));
    expect(fakeAccountId('google', 'dave')).not.toBe(fakeAccountId('google', 'erin'));
  });
});
