import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { DevIdp } from '../src/index.js';
import { startQuietIdp } from './support/flow.js';

describe('discovery', () => {
  let idp: DevIdp;
  beforeAll(async () => {
    idp = await startQuietIdp();
  });
  afterAll(() => idp.close());

  it('names the issuer exactly as http://<host>:<actual port>, with no trailing slash', async () => {
    expect(idp.issuer).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(idp.issuer).not.toMatch(/:0$/);
    const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.issuer).toBe(idp.issuer);
  });

  it('advertises PKCE S256, RP-initiated logout, RS256 ID tokens and the demo scopes', async () => {
    const metadata = (await (await fetch(`${idp.issuer}/.well-known/openid-configuration`)).json()) as Record<string, unknown>;
    expect(metadata.code_challenge_methods_supported).toEqual(['S256']);
    expect(metadata.end_session_endpoint).toBe(`${idp.issuer}/session/end`);
    expect(metadata.id_token_signing_alg_values_supported).toContain('RS256');
    expect(metadata.scopes_supported).toEqual(expect.arrayContaining(['openid', 'profile', 'email', 'offline_access']));
    expect(metadata.token_endpoint_auth_methods_supported).toEqual(expect.arrayContaining(['client_secret_basic', 'client_secret_post']));
  });

  it('publishes only the public half of its RS256 signing key', async () => {
    const { keys } = (await (await fetch(`${idp.issuer}/jwks`)).json()) as { keys: Array<Record<string, unknown>> };
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatchObject({ kty: 'RSA', alg: 'RS256', use: 'sig' });
    expect(keys[0]).not.toHaveProperty('d');
  });

  it('serves a home page naming the issuer and the demo users, but no client secret', async () => {
    const response = await fetch(`${idp.issuer}/`);
    const page = await response.text();
    expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page).toContain(idp.issuer);
    expect(page).toContain('Alice Liddell');
    expect(page).toContain('Dev IdP — for local development only');
    expect(page).not.toContain('dev-only-secret-not-for-production');
  });

  it('serves avatars as cacheable, cross-origin SVG, and none for users without a picture', async () => {
    const response = await fetch(`${idp.issuer}/avatars/alice.svg`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/svg+xml');
    expect(response.headers.get('cache-control')).toBe('public, max-age=3600');
    expect(response.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(await response.text()).toContain('>AL</text>');
    expect((await fetch(`${idp.issuer}/avatars/carol.svg`)).status).toBe(404);
    expect((await fetch(`${idp.issuer}/avatars/nobody.svg`)).status).toBe(404);
  });
});

describe('lifecycle', () => {
  it('close() stops the server even with a keep-alive connection open, and can be called twice', async () => {
    const idp = await startQuietIdp();
    await (await fetch(`${idp.issuer}/`)).text(); // leaves a keep-alive connection in fetch's pool
    await idp.close();
    await idp.close();
    await expect(fetch(`${idp.issuer}/`)).rejects.toThrow();
  });

  it('reports a port that is already taken by naming the address', async () => {
    const first = await startQuietIdp();
    const port = Number(new URL(first.issuer).port);
    await expect(startQuietIdp({ port })).rejects.toThrow(`Dev IdP could not listen on 127.0.0.1:${port} (EADDRINUSE)`);
    await first.close();
  });
});
