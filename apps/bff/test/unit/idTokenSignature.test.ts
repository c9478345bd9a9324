import { generateKeyPairSync, sign as rsaSign, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SignJWT, exportJWK, generateKeyPair, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { AppError } from '../../src/errors.js';
import { providerFetch } from '../../src/providers/http.js';
import { IdTokenSignature } from '../../src/providers/idTokenSignature.js';

type PrivateKey = Awaited<ReturnType<typeof generateKeyPair>>['privateKey'];

// A real JWKS endpoint on loopback, fetched through the provider's own fetch (limits included).
let server: Server;
let jwksUri: URL;
let fetches = 0;
/** What the JWKS endpoint answers: the published keys, or a status without them. */
let answer: { status: number; keys: JWK[] };
let published: JWK[];
let signingKey: PrivateKey;
let unpublishedKey: PrivateKey;
let weakKey: KeyObject;

beforeAll(async () => {
  const pair = await generateKeyPair('RS256', { extractable: true });
  signingKey = pair.privateKey;
  unpublishedKey = (await generateKeyPair('RS256')).privateKey;
  // A 1024-bit key is below RS256's floor, published under its own kid.
  const weak = generateKeyPairSync('rsa', { modulusLength: 1024 });
  weakKey = weak.privateKey;
  published = [
    { ...(await exportJWK(pair.publicKey)), kid: 'k1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(weak.publicKey)), kid: 'weak', alg: 'RS256', use: 'sig' },
  ];
  server = createServer((_req, res) => {
    fetches += 1;
    res.statusCode = answer.status;
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: answer.keys }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUri = new URL(`http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks`);
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));
afterEach(() => {
  vi.useRealTimers();
  fetches = 0;
});

const verifier = (uri: URL = jwksUri) => {
  answer = { status: 200, keys: published };
  return new IdTokenSignature(
    'idp',
    uri,
    (url, init) => providerFetch(url, init, { provider: 'idp', step: 'keys', timeoutMs: 2000 }),
    2000,
  );
};
const sign = (header: Record<string, unknown> = {}, key: PrivateKey = signingKey) =>
  new SignJWT({ sub: 'alice', nonce: 'n' }).setProtectedHeader({ alg: 'RS256', kid: 'k1', ...header }).sign(key);

const b64 = (json: unknown) => Buffer.from(JSON.stringify(json)).toString('base64url');

/** A validly signed token whose header is then replaced (jose would not sign these headers). */
async function withHeader(header: Record<string, unknown>): Promise<string> {
  const [, payload, signature] = (await sign()).split('.');
  return `${b64(header)}.${payload}.${signature}`;
}

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return err as AppError;
}

describe('ID token signature (Core §3.1.3.7 (6), (7)), checked with node:crypto', () => {
  it('accepts an RS256 token signed by a published key, fetching the keys once for many tokens', async () => {
    const v = verifier();
    for (let i = 0; i < 3; i++) await expect(v.verify(await sign(), 'token')).resolves.toBeUndefined();
    expect(fetches).toBe(1);
  });

  it('refuses a token whose payload was changed after signing', async () => {
    const [h, , s] = (await sign()).split('.');
    const forged = Buffer.from(JSON.stringify({ sub: 'mallory', nonce: 'n' })).toString('base64url');
    const err = await refusal(verifier().verify(`${h}.${forged}.${s}`, 'token'));
    expect(err.code).toBe('invalid_provider_response');
    expect(err.detail).toBe('idp token: ID token signature is invalid');
  });

  it('refuses a signature with stray characters, which a lenient base64 decoder would skip', async () => {
    const [h, p, s] = (await sign()).split('.');
    const err = await refusal(verifier().verify(`${h}.${p}.${s!.slice(0, 10)}*${s!.slice(10)}`, 'token'));
    expect(err.detail).toBe('idp token: ID token is not a compact JWS');
  });

  it.each([
    ['an unsigned token (alg: none)', { alg: 'none' }],
    ['HS256 (algorithm confusion)', { alg: 'HS256' }],
    ['RS512, though the key is the same', { alg: 'RS512' }],
  ])('refuses %s: the algorithm is pinned, not read from the token', async (_, header) => {
    const err = await refusal(verifier().verify(await withHeader({ kid: 'k1', ...header }), 'refresh'));
    expect(err.code).toBe('invalid_provider_response');
    expect(err.detail).toContain('idp refresh: ID token alg');
    expect(fetches).toBe(0);
  });

  it('refuses a token that names critical header extensions (RFC 7515 §4.1.11)', async () => {
    const err = await refusal(verifier().verify(await withHeader({ alg: 'RS256', kid: 'k1', crit: ['exp'], exp: 1 }), 'token'));
    expect(err.detail).toBe('idp token: ID token names critical header extensions');
  });

  it('refuses a published RSA key shorter than 2048 bits', async () => {
    // Validly signed by the published weak key (by hand: jose refuses to sign with it).
    const input = `${b64({ alg: 'RS256', kid: 'weak' })}.${b64({ sub: 'alice' })}`;
    const token = `${input}.${rsaSign('sha256', Buffer.from(input), weakKey).toString('base64url')}`;
    const err = await refusal(verifier().verify(token, 'token'));
    expect(err.detail).toBe('idp token: ID token key is not an RSA key of 2048 bits or more');
  });

  it('refuses a key the JWKS never lists, refetching once for it and not again within 30 s', async () => {
    const v = verifier();
    await v.verify(await sign(), 'token');
    expect(fetches).toBe(1);
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 31_000, shouldAdvanceTime: true });
    const unknown = await sign({ kid: 'k9' }, unpublishedKey);
    const first = await refusal(v.verify(unknown, 'token'));
    expect(first.code).toBe('invalid_provider_response');
    expect(first.detail).toContain('key not found');
    expect(fetches).toBe(2);
    await refusal(v.verify(unknown, 'token'));
    expect(fetches).toBe(2);
  });

  it('a token signed by an unpublished key under a published kid is refused', async () => {
    const err = await refusal(verifier().verify(await sign({}, unpublishedKey), 'token'));
    expect(err.detail).toBe('idp token: ID token signature is invalid');
  });

  it('keys that answer 503 are provider_unavailable, and the next token recovers without a restart', async () => {
    const v = verifier();
    answer = { status: 503, keys: [] };
    const err = await refusal(v.verify(await sign(), 'token'));
    expect(err.code).toBe('provider_unavailable');
    answer = { status: 200, keys: published };
    await expect(v.verify(await sign(), 'token')).resolves.toBeUndefined();
  });

  it('unreachable keys are provider_unavailable, not an invalid token', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const err = await refusal(verifier(new URL(`http://127.0.0.1:${port}/jwks`)).verify(await sign(), 'token'));
    expect(err.code).toBe('provider_unavailable');
  });

  it('a key set that is not one (a 200 without keys) is an invalid answer', async () => {
    const v = verifier();
    answer = { status: 200, keys: 'none' as unknown as JWK[] };
    const err = await refusal(v.verify(await sign(), 'token'));
    expect(err.code).toBe('invalid_provider_response');
  });
});
