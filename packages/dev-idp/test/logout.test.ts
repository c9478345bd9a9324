import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DevIdp } from '../src/index.js';
import { Browser } from './support/browser.js';
import { authRequest, exchangeCode, redirectUri, signIn, startQuietIdp } from './support/flow.js';

describe('RP-initiated logout', () => {
  let idp: DevIdp;
  beforeAll(async () => {
    idp = await startQuietIdp();
  });
  afterAll(() => idp.close());

  it('confirming sign-out ends the session and returns to the post-logout redirect URI with state', async () => {
    const browser = new Browser(idp.issuer);
    const request = authRequest(idp.issuer);
    const callback = await signIn(browser, request);
    const tokens = (await (await exchangeCode(idp.issuer, callback.searchParams.get('code')!, request.verifier)).json()) as { id_token: string };

    const endSession = new URL('/session/end', idp.issuer);
    endSession.search = new URLSearchParams({
      id_token_hint: tokens.id_token,
      post_logout_redirect_uri: 'http://localhost:3000/login',
      state: 'bye',
    }).toString();
    const confirm = await browser.go(endSession);
    expect(confirm.response.status).toBe(200);
    const html = await confirm.response.text();
    const xsrf = /name="xsrf" value="([^"]+)"/.exec(html)?.[1];
    expect(xsrf).toBeTruthy();
    expect(html).toContain('name="logout" value="yes"');

    const { url } = await browser.go('/session/end/confirm', { form: { xsrf: xsrf!, logout: 'yes' } });
    expect(url.href).toBe('http://localhost:3000/login?state=bye');

    // The session is gone: a new authorization request asks to sign in again.
    const again = await browser.go(authRequest(idp.issuer).url);
    expect(again.url.pathname).toMatch(/^\/interaction\//);
    expect(again.url.href).not.toContain(redirectUri);
  });
});
