import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import {
  startFakeFacebook,
  startFakeGitHub,
  startFakeGoogle,
  startFakeSimpleLogin,
  type FakeOptions,
  type FakeServer,
} from '../../src/fakes/index.js';
import { authorizeUrl, openSignin, parseSigninPage, redirectUri, submitSignin } from './support.js';

interface Case {
  name: string;
  title: string;
  start: (options: FakeOptions) => Promise<FakeServer>;
  /** The authorize URL for a client id and redirect URI. */
  authorize: (base: string, clientId: string, redirect: string) => string;
  /** Button labels of the default users. */
  labels: string[];
}

const client = { clientId: 'fake-client-1', clientSecret: 'fake-secret', redirectUris: [redirectUri] };

const cases: Case[] = [
  {
    name: 'Facebook',
    title: 'Log in with Facebook (fake)',
    start: startFakeFacebook,
    authorize: (base, clientId, redirect) =>
      authorizeUrl(base, '/v19.0/dialog/oauth', {
        client_id: clientId,
        redirect_uri: redirect,
        state: 's1',
        response_type: 'code',
        scope: 'email,public_profile',
      }),
    labels: ['Alice Liddell', 'Bob Builder', 'Carol Danvers'],
  },
  {
    name: 'GitHub',
    title: 'Sign in with GitHub (fake)',
    start: startFakeGitHub,
    authorize: (base, clientId, redirect) =>
      authorizeUrl(base, '/login/oauth/authorize', {
        client_id: clientId,
        redirect_uri: redirect,
        scope: 'read:user user:email',
        state: 's1',
      }),
    // carol has no display name on GitHub: the button shows her login.
    labels: ['Alice Liddell', 'Bob Builder', 'carol'],
  },
  {
    name: 'SimpleLogin',
    title: 'Sign in with SimpleLogin (fake)',
    start: startFakeSimpleLogin,
    authorize: (base, clientId, redirect) =>
      authorizeUrl(base, '/oauth2/authorize', {
        client_id: clientId,
        redirect_uri: redirect,
        response_type: 'code',
        scope: 'openid email name avatar_url',
        state: 's1',
      }),
    labels: ['Alice Liddell', 'Bob Builder', 'Carol Danvers'],
  },
  {
    name: 'Google',
    title: 'Sign in with Google (fake)',
    start: startFakeGoogle,
    authorize: (base, clientId, redirect) =>
      authorizeUrl(base, '/o/oauth2/v2/auth', {
        client_id: clientId,
        redirect_uri: redirect,
        response_type: 'code',
        scope: 'openid email profile',
        state: 's1',
      }),
    labels: ['Alice Liddell', 'Bob Builder', 'Carol Danvers'],
  },
];

describe.each(cases)('the $name fake sign-in page', ({ title, start, authorize, labels }) => {
  let fake: FakeServer;
  beforeAll(async () => {
    fake = await start({ client });
  });
  afterAll(() => fake.close());

  it('has one form with one hidden request id, a Continue button per user and Cancel, and says it is a fake', async () => {
    const response = await fetch(authorize(fake.url, client.clientId, redirectUri));
    const html = await response.text();
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(html).toContain(`<title>${title}</title>`);
    expect(html).toMatch(/FAKE \w+ — local development only/);
    const form = parseSigninPage(html);
    expect(form.action).toMatch(/^\//);
    expect(Object.keys(form.hidden)).toEqual(['request']);
    expect(form.users).toEqual([
      ['alice', `${labels[0]}`],
      ['bob', `${labels[1]}`],
      ['carol', `${labels[2]}`],
    ]);
  });

  it('shows an error page, and does not redirect, for an unknown client_id', async () => {
    const response = await fetch(authorize(fake.url, 'someone-else', redirectUri), { redirect: 'manual' });
    expect(response.status).toBeGreaterThanOrEqual(400);
    expect(response.headers.get('location')).toBeNull();
    const html = await response.text();
    expect(html).not.toContain('<form');
    expect(html).toContain('the request was not sent back to the app');
  });

  it('shows an error page, and does not redirect, for a redirect_uri that is not registered exactly', async () => {
    for (const wrong of [
      'https://evil.example/callback',
      `${redirectUri}/`,
      `${redirectUri}?x=1`,
      redirectUri.replace('127.0.0.1', 'localhost'),
    ]) {
      const response = await fetch(authorize(fake.url, client.clientId, wrong), { redirect: 'manual' });
      expect(response.status, wrong).toBe(400);
      expect(response.headers.get('location')).toBeNull();
      expect(await response.text()).not.toContain('<form');
    }
  });

  it('refuses a request id that is unknown or already answered', async () => {
    const form = await openSignin(authorize(fake.url, client.clientId, redirectUri));
    const first = await submitSignin(fake.url, form, { user: 'bob' });
    expect(first.status).toBe(302);
    const again = await submitSignin(fake.url, form, { user: 'bob' });
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
    expect(await again.text()).toContain('Sign-in expired');
    const forged = await submitSignin(fake.url, { ...form, hidden: { request: 'forged' } }, { user: 'alice' });
    expect(forged.status).toBe(400);
  });

  // Regression: Back after signing in showed "Sign-in expired" and nothing to click.
  it('the expired page links back to the app (the origin of its registered redirect URI), still without redirecting', async () => {
    const form = await openSignin(authorize(fake.url, client.clientId, redirectUri));
    expect((await submitSignin(fake.url, form, { user: 'alice' })).status).toBe(302);
    const again = await submitSignin(fake.url, form, { user: 'alice' });
    expect(again.status).toBe(400);
    expect(again.headers.get('location')).toBeNull();
    const html = await again.text();
    expect(html).toContain(`<a class="primary" href="${new URL(redirectUri).origin}">Back to the app</a>`);
    expect(html).not.toMatch(/http-equiv|<script/i);
  });

  it('refuses an unknown user without using up the request', async () => {
    const form = await openSignin(authorize(fake.url, client.clientId, redirectUri));
    const unknown = await submitSignin(fake.url, form, { user: 'mallory' });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain('There is no test user &quot;mallory&quot;');
    expect((await submitSignin(fake.url, form, { user: 'alice' })).status).toBe(302);
  });

  it('serves the avatars it links to as SVG', async () => {
    const response = await fetch(`${fake.url}/avatars/alice.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(await response.text()).toContain('>AL</text>');
  });
});
