import { describe, expect, it } from 'vitest';
import { TokenCipher } from '../../src/auth/tokenCipher.js';

const A = 'first-secret-0123456789-abcdefghijklmnop';
const B = 'second-secret-0123456789-abcdefghijklmno';

describe('sealing provider tokens', () => {
  it('opens what it sealed for the same row, and nothing else', () => {
    const cipher = new TokenCipher([A]);
    const sealed = cipher.seal('{"accessToken":"at"}', 'row-1');
    expect(sealed).not.toContain('accessToken');
    expect(cipher.open(sealed, 'row-1')).toBe('{"accessToken":"at"}');
    expect(cipher.open(sealed, 'row-2')).toBeUndefined();
    const [v, id, iv, body, tag] = sealed.split('.') as [string, string, string, string, string];
    // One bit of the ciphertext flipped: the tag no longer matches.
    const bytes = Buffer.from(body, 'base64url');
    bytes[0] = bytes[0]! ^ 0x01;
    const flipped = bytes.toString('base64url');
    expect(cipher.open([v, id, iv, flipped, tag].join('.'), 'row-1')).toBeUndefined();
    expect(cipher.open('garbage', 'row-1')).toBeUndefined();
  });

  it('a new secret first still opens what the old one sealed; without the old one it does not', () => {
    const sealed = new TokenCipher([A]).seal('x', 'row');
    expect(new TokenCipher([B, A]).open(sealed, 'row')).toBe('x');
    expect(new TokenCipher([B]).open(sealed, 'row')).toBeUndefined();
    // And the rotated cipher seals with the new one.
    expect(new TokenCipher([B]).open(new TokenCipher([B, A]).seal('y', 'row'), 'row')).toBe('y');
  });

  it('never seals the same value the same way twice (a fresh IV each time)', () => {
    const cipher = new TokenCipher([A]);
    expect(cipher.seal('same', 'row')).not.toBe(cipher.seal('same', 'row'));
  });
});
