import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LogoutTokenVerifier } from '../../src/providers/logoutToken.js';

const ISSUER = 'https://idp.example.test';
const EVENT = { 'http://schemas.openid.net/event/backchannel-logout': {} };
let server: Server;
let jwksUri: string;
let sign: (claims: Record<string, unknown>, header?: Record<string, unknown>) => Promise<string>;
let otherKeySign: typeof sign;

beforeAll(async () => {
  const { privateKey, publicKey } = await generateKeyPair('RS256');
  const other = await generateKeyPair('RS256');
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`;
  const make =
    (key: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']) =>
    (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
      new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'logout+jwt', ...header }).sign(key);
  sign = make(privateKey);
  otherKeySign = make(other.privateKey);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = () => Math.floor(Date.now() / 1000);
const valid = () => ({
  iss: ISSUER,
  aud: 'client-1',
  iat: now(),
  exp: now() + 120,
  jti: crypto.randomUUID(),
  sub: 'alice',
  sid: 's-1',
  events: EVENT,
});
const verifier = () => new LogoutTokenVerifier({ issuer: ISSUER, clientId: 'client-1', jwksUri });

describe('logout token verification (Back-Channel Logout 1.0 §2.6)', () => {
  it('accepts a valid token and says whose sessions end', async () => {
    expect(await verifier().verify(await sign(valid()))).toEqual({ subject: 'alice', sid: 's-1' });
    const { sub: _, ...sidOnly } = valid();
    expect(await verifier().verify(await sign(sidOnly))).toEqual({ sid: 's-1' });
  });

  it.each([
    ['another issuer', { iss: 'https://evil.example' }],
    ['another audience', { aud: 'client-2' }],
    ['no back-channel event', { events: { other: {} } }],
    ['a nonce (an ID token, not a logout token)', { nonce: 'n' }],
    ['neither sub nor sid', { sub: undefined, sid: undefined }],
    ['an old iat', { iat: now() - 3600, exp: now() + 60 }],
    ['no jti', { jti: undefined }],
  ])('refuses a token with %s', async (_name, change) => {
    const claims: Record<string, unknown> = { ...valid(), ...change };
    for (const [k, v] of Object.entries(claims)) if (v === undefined) delete claims[k];
    await expect(verifier().verify(await sign(claims))).rejects.toMatchObject({ code: 'bad_request' });
  });

  // Back-Channel Logout 1.0 §2.4 only recommends `logout+jwt`; Keycloak types every JWT `JWT`.
  it.each([
    ['no typ', undefined],
    ['JWT', 'JWT'],
    ['jwt', 'jwt'],
    ['logout+jwt', 'logout+jwt'],
    ['application/logout+jwt', 'application/logout+jwt'],
    ['Logout+JWT', 'Logout+JWT'],
  ])('accepts a token typed %s', async (_name, typ) => {
    const token = await sign(valid(), { typ });
    expect((JSON.parse(Buffer.from(token.split('.')[0]!, 'base64url').toString()) as { typ?: string }).typ).toBe(typ);
    expect(await verifier().verify(token)).toEqual({ subject: 'alice', sid: 's-1' });
  });

  it('still refuses a token typed as another kind of token, and keeps every other check for a JWT-typed one', async () => {
    for (const typ of ['at+jwt', 'JWT+id', 'secevent+jwt']) {
      await expect(verifier().verify(await sign(valid(), { typ }))).rejects.toMatchObject({ code: 'bad_request' });
    }
    await expect(verifier().verify(await sign({ ...valid(), nonce: 'n' }, { typ: 'JWT' }))).rejects.toMatchObject({ code: 'bad_request' });
    await expect(verifier().verify(await sign({ ...valid(), aud: 'client-2' }, { typ: 'JWT' }))).rejects.toMatchObject({
      code: 'bad_request',
    });
    const { exp: _exp, ...withoutExp } = valid();
    // Providers in the field omit exp: not required.
    expect(await verifier().verify(await sign(withoutExp, { typ: 'JWT' }))).toEqual({ subject: 'alice', sid: 's-1' });
  });

  it('refuses a token signed by another key, with another alg, or typed as something else', async () => {
    await expect(verifier().verify(await otherKeySign(valid()))).rejects.toMatchObject({ code: 'bad_request' });
    await expect(verifier().verify(await sign(valid(), { typ: 'JWT+id' }))).rejects.toMatchObject({ code: 'bad_request' });
    const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify(valid())).toString('base64url')}.`;
    await expect(verifier().verify(unsigned)).rejects.toMatchObject({ code: 'bad_request' });
  });

  it('refuses the same token twice (jti replay)', async () => {
    const v = verifier();
    const token = await sign(valid());
    await v.verify(token);
    await expect(v.verify(token)).rejects.toMatchObject({ code: 'bad_request' });
  });
});
