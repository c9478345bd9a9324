import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Response } from 'light-my-request';
import { startApp, type TestApp } from '../support/app.js';

// GitHub's login start builds its URL without calling GitHub: a login start reaches no provider.
const env = {
  RATE_LIMIT_LOGIN: '5/1m',
  RATE_LIMIT_CALLBACK: '5/1m',
  RATE_LIMIT_BACKCHANNEL: '3/1m',
  GITHUB_CLIENT_ID: 'gh-client',
  GITHUB_CLIENT_SECRET: 'gh-secret-0123456789',
};
const clock = { offsetMs: 0 };
const now = () => Date.now() + clock.offsetMs;
let app: TestApp;
let behindProxy: TestApp;
beforeAll(async () => {
  app = await startApp({ env, now });
  behindProxy = await startApp({ env: { ...env, TRUST_PROXY: 'true' }, now });
});
afterAll(async () => {
  await app?.close();
  await behindProxy?.close();
});
// Each case starts just after the beginning of a fresh minute: its own budgets, and a known Retry-After.
beforeEach(() => {
  clock.offsetMs += 60_000 - (now() % 60_000) + 100;
});

const json = { accept: 'application/json' };
const html = { accept: 'text/html' };
const login = (to: TestApp, headers: Record<string, string> = html) => to.request({ url: '/auth/login/github', headers });
const callback = (headers: Record<string, string> = html) =>
  app.request({ url: `/auth/callback/oidc?code=c&state=${randomBytes(8).toString('hex')}`, headers });
const backchannel = () =>
  app.request({
    method: 'POST',
    url: '/auth/backchannel-logout/oidc',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    payload: 'logout_token=not.a.jwt',
  });

/** Status and Location (or JSON error code) of each answer, in order. */
function outcome(response: Response): string {
  const location = response.headers.location;
  if (typeof location === 'string') return `${response.statusCode} ${location.startsWith('https://github.com/') ? 'provider' : location}`;
  return `${response.statusCode} ${response.json<{ error: string }>().error}`;
}

async function times(n: number, make: () => Promise<Response>): Promise<string[]> {
  const out: string[] = [];
  for (let i = 0; i < n; i += 1) out.push(outcome(await make()));
  return out;
}

describe('rate limits per client address, before any provider', () => {
  it('callbacks have their own budget, checked before the state is looked up', async () => {
    expect(await times(5, () => callback())).toEqual(Array(5).fill('302 /login?error=invalid_state'));
    expect([outcome(await callback()), outcome(await callback(json))]).toEqual(['302 /login?error=rate_limited', '429 rate_limited']);
    // A sign-in still starts: that is the login budget, untouched.
    expect(outcome(await login(app))).toBe('302 provider');
  });

  it('back-channel logout beyond its limit: 429 JSON with Retry-After', async () => {
    expect(await times(3, backchannel)).toEqual(Array(3).fill('400 invalid_request'));
    const refused = await backchannel();
    expect([refused.statusCode, refused.headers['retry-after'] !== undefined]).toEqual([429, true]);
    expect(refused.json()).toMatchObject({ error: 'rate_limited' });
  });

  it('without TRUST_PROXY a forged X-Forwarded-For does not escape the limit', async () => {
    const forged = () => login(app, { ...json, 'x-forwarded-for': `203.0.113.${Math.floor(Math.random() * 250)}` });
    expect(await times(6, forged)).toEqual([...Array<string>(5).fill('302 provider'), '429 rate_limited']);
  });

  it('behind TRUST_PROXY the address the proxy saw counts: two forwarded addresses have separate budgets, and entries the client sent before it are ignored', async () => {
    const from = (chain: string) => () => login(behindProxy, { ...json, 'x-forwarded-for': chain });
    expect(await times(6, from('198.51.100.1'))).toEqual([...Array<string>(5).fill('302 provider'), '429 rate_limited']);
    // The client wrote its own X-Forwarded-For; our proxy appended the address it saw.
    expect(await times(3, () => from(`203.0.113.${Math.floor(Math.random() * 250)}, 198.51.100.1`)())).toEqual(
      Array(3).fill('429 rate_limited'),
    );
    expect(await times(5, from('198.51.100.2'))).toEqual(Array(5).fill('302 provider'));
    expect(await times(1, from('2001:db8:1:2::1'))).toEqual(['302 provider']);
  });
});
