import { describe, expect, it } from 'vitest';
import { pooledRandomBytes, randomToken } from '../../src/auth/random.js';

describe('randomToken', () => {
  it('is base64url of the bytes asked for: 32 bytes make 43 characters (a PKCE verifier’s minimum), 16 make 22', () => {
    expect(randomToken()).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(randomToken(16)).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(Buffer.from(randomToken(48), 'base64url')).toHaveLength(48);
  });

  it('never repeats, across many refills of its pool (every byte is handed out once)', () => {
    const tokens = Array.from({ length: 2_000 }, (_, i) => randomToken(i % 3 === 0 ? 16 : 32));
    expect(new Set(tokens).size).toBe(tokens.length);
    // Not all zero either: the pool zeroes what it handed out, and must never hand that out again.
    expect(tokens.filter((t) => /^A+[AQgw]?$/.test(t))).toEqual([]);
  });

  it('serves a request larger than its pool', () => {
    expect(Buffer.from(randomToken(10_000), 'base64url')).toHaveLength(10_000);
  });
});

describe('pooledRandomBytes', () => {
  it('hands out copies, not views of the pool (which zeroes what it handed out)', () => {
    const handedOut = Array.from({ length: 400 }, () => pooledRandomBytes(12));
    expect(handedOut.filter((bytes) => bytes.equals(Buffer.alloc(12)))).toEqual([]);
    expect(new Set(handedOut.map((bytes) => bytes.toString('hex'))).size).toBe(handedOut.length);
  });
});
