import { randomFillSync } from 'node:crypto';

/** Bytes fetched from the generator at a time: 128 tokens of 32 bytes. */
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

/**
 * `bytes` from the operating system's CSPRNG (OpenSSL's generator, as `randomBytes`), taken from a
 * pool refilled 4 KB at a time, as Node's own `randomUUID` keeps one. A sign-in needs six random
 * values (state, nonce, PKCE verifier, binding, session id, the tokens' IV); the first call into
 * the generator in a request measured about 30 µs on a core that had been idle, each later one
 * about 1 µs. Every byte is handed out once (a copy) and zeroed in the pool as it goes.
 */
export function pooledRandomBytes(bytes: number): Buffer {
  if (offset + bytes > pool.length) {
    pool = randomFillSync(Buffer.allocUnsafeSlow(Math.max(POOL_BYTES, bytes)));
    offset = 0;
  }
  const out = Buffer.from(pool.subarray(offset, offset + bytes));
  pool.fill(0, offset, offset + bytes);
  offset += bytes;
  return out;
}

/** A random token, base64url, of `bytes` pooled random bytes (32: 43 characters). */
export function randomToken(bytes = 32): string {
  return pooledRandomBytes(bytes).toString('base64url');
}
