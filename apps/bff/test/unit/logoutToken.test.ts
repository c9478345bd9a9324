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
  const make = (key: Awaited<ReturnType<typeof generateKeyPair>>['privateKey']) => (claims: Record<string, unknown>, header: Record<string, unknown> = {}) =>
    new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: 'k1', typ: 'logout+jwt', ...header }).sign(key);
  sign = make(privateKey);
  otherKeySign = make(other.privateKey);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const now = () => Math.floor(Date.now() / 1000);
const valid = () => ({ iss: ISSUER, aud: 'client-1', iat: now(), exp: now() + 120, jti: crypto.randomUUID(), sub: 'alice', sid: 's-1', events: EVENT });
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
