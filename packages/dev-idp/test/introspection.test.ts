import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { defaultResourceServer, type DevIdp } from '../src/index.js';
import { client, postForm, signInForTokens, startQuietIdp } from './support/flow.js';

const introspect = (idp: DevIdp, token: string, as: { clientId: string; clientSecret: string } = defaultResourceServer) =>
  postForm(`${idp.issuer}/token/introspection`, as, { token });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until the IdP's clock (whole seconds) has passed `exp`. */
const waitPast = (exp: number) => sleep(Math.max(0, exp * 1000 - Date.now()) + 50);

describe('token introspection (RFC 7662) for resource servers', () => {
  let idp: DevIdp;
  const otherApp = { clientId: 'other-app', clientSecret: 'other-app-secret', redirectUris: ['http://localhost:3001/callback'] };
  beforeAll(async () => {
    idp = await startQuietIdp({ clients: [client, otherApp] });
  });
  afterAll(() => idp.close());

  it('is advertised, and the demo-api resource server is registered by default', async () => {
    const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.introspection_endpoint).toBe(`${idp.issuer}/token/introspection`);
    expect(defaultResourceServer).toEqual({ clientId: 'demo-api', clientSecret: 'demo-api-dev-secret' });
    const response = await introspect(idp, 'not-a-token');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ active: false });
  });

  it("tells the resource server that a fresh access token of the BFF's client is active, with sub, scope, client_id and exp", async () => {
    const tokens = await signInForTokens(idp.issuer, { login: 'bob' });
    const response = await introspect(idp, tokens.access_token);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toBe('no-store');
    const body = (await response.json()) as Record<string, unknown>;
    expect(body).toMatchObject({
      active: true,
      sub: 'bob',
      client_id: client.clientId,
      scope: 'openid profile email',
      iss: idp.issuer,
      token_type: 'Bearer',
    });
    expect(body.exp).toBe((body.iat as number) + 600); // the default lifetime
  });

  it('answers inactive once the BFF has revoked the access token', async () => {
    const tokens = await signInForTokens(idp.issuer);
    const revoked = await postForm(`${idp.issuer}/token/revocation`, client, {
      token: tokens.access_token,
      token_type_hint: 'access_token',
    });
    expect(revoked.status).toBe(200);
    expect(await (await introspect(idp, tokens.access_token)).json()).toEqual({ active: false });
  });

  it("lets a client introspect its own tokens, but never another client's, and never shows refresh tokens to a resource server", async () => {
    const tokens = await signInForTokens(idp.issuer, { scope: 'openid offline_access' });
    expect(await (await introspect(idp, tokens.access_token, client)).json()).toMatchObject({ active: true, sub: 'alice' });
    expect(await (await introspect(idp, tokens.refresh_token!, client)).json()).toMatchObject({ active: true, sub: 'alice' });
    expect(await (await introspect(idp, tokens.access_token, otherApp)).json()).toEqual({ active: false });
    expect(await (await introspect(idp, tokens.refresh_token!)).json()).toEqual({ active: false });
  });

  it('refuses a resource server with the wrong secret', async () => {
    const tokens = await signInForTokens(idp.issuer);
    const response = await introspect(idp, tokens.access_token, { clientId: 'demo-api', clientSecret: 'wrong' });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ error: 'invalid_client' });
  });

  it('gives a resource server no way to get tokens of its own', async () => {
    const response = await postForm(`${idp.issuer}/token`, defaultResourceServer, { grant_type: 'client_credentials' });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({
      error: expect.stringMatching(/^(unauthorized_client|unsupported_grant_type)$/) as unknown,
    });
    const authorize = await fetch(
      `${idp.issuer}/auth?client_id=demo-api&response_type=code&scope=openid&redirect_uri=http://localhost:4100/cb`,
      { redirect: 'manual' },
    );
    expect(authorize.status).toBe(400);
  });

  it('accepts other resource servers instead of the default', async () => {
    const custom = await startQuietIdp({ resourceServers: [{ clientId: 'orders-api', clientSecret: 'orders-secret' }] });
    try {
      const tokens = await signInForTokens(custom.issuer);
      expect(
        await (await introspect(custom, tokens.access_token, { clientId: 'orders-api', clientSecret: 'orders-secret' })).json(),
      ).toMatchObject({ active: true });
      expect((await introspect(custom, tokens.access_token)).status).toBe(401); // demo-api is not registered there
    } finally {
      await custom.close();
    }
  });
});

describe('accessTokenTtlSeconds', () => {
  // Not 1: exp is iat + TTL in whole seconds with iat rounded down, so a token issued late in a second
  // could be dead before the test first looks at it.
  const ttl = 2;
  let idp: DevIdp;
  beforeAll(async () => {
    idp = await startQuietIdp({ accessTokenTtlSeconds: ttl });
  });
  afterAll(() => idp.close());

  it('issues access tokens that expire after that many seconds: then introspection says inactive and userinfo refuses them', async () => {
    const tokens = await signInForTokens(idp.issuer);
    expect(tokens.expires_in).toBe(ttl);
    const fresh = (await (await introspect(idp, tokens.access_token)).json()) as { active: boolean; exp: number; iat: number };
    expect(fresh).toMatchObject({ active: true });
    expect(fresh.exp - fresh.iat).toBe(ttl);

    await waitPast(fresh.exp);
    expect(await (await introspect(idp, tokens.access_token)).json()).toEqual({ active: false });
    const userinfo = await fetch(`${idp.issuer}/me`, { headers: { authorization: `Bearer ${tokens.access_token}` } });
    expect(userinfo.status).toBe(401);
  });

  it('still lets the refresh token get a new access token after the old one expired', async () => {
    const tokens = await signInForTokens(idp.issuer);
    const { exp } = (await (await introspect(idp, tokens.access_token)).json()) as { exp: number };
    await waitPast(exp);
    const refreshed = await postForm(`${idp.issuer}/token`, client, { grant_type: 'refresh_token', refresh_token: tokens.refresh_token! });
    expect(refreshed.status).toBe(200);
    const next = (await refreshed.json()) as { access_token: string; expires_in: number };
    expect(next.expires_in).toBe(ttl);
    expect(await (await introspect(idp, next.access_token)).json()).toMatchObject({ active: true, sub: 'alice' });
  });

  it('must be a whole number of seconds, at least 1, and client ids must be unique', async () => {
    await expect(startQuietIdp({ accessTokenTtlSeconds: 0 })).rejects.toThrow(
      'accessTokenTtlSeconds must be a whole number of seconds, at least 1, got 0',
    );
    await expect(startQuietIdp({ accessTokenTtlSeconds: 1.5 })).rejects.toThrow('accessTokenTtlSeconds');
    await expect(startQuietIdp({ resourceServers: [{ clientId: client.clientId, clientSecret: 'x' }] })).rejects.toThrow(
      `client_id "${client.clientId}" is registered twice`,
    );
  });
});
