import { describe, expect, it } from 'vitest';
import { SessionCookie } from '../../src/auth/sessionCookie.js';
import { BoundedMemo } from '../../src/boundedMemo.js';

const OLD = 'an older secret, still accepted, at least 32 chars';
const NEW = 'the current secret, which signs, at least 32 chars';

/**
 * The same value with the MAC's first character changed (not its last: of that one's six bits
 * only two are in the 16 bytes, so some changes decode to the same MAC).
 */
const tampered = (value: string) => {
  const at = value.indexOf('.') + 1;
  return value.slice(0, at) + (value[at] === 'A' ? 'B' : 'A') + value.slice(at + 1);
};

describe('the session cookie value', () => {
  it('reads back the id it was signed for, as current with the first secret', () => {
    const cookie = new SessionCookie([NEW, OLD]);
    const id = cookie.newId();
    expect(cookie.read(cookie.value(id))).toEqual({ id, current: true });
  });

  it('reads a value signed by a previous secret as not current (it is re-signed), and refuses it once that secret is gone', () => {
    const id = new SessionCookie([OLD]).newId();
    const value = new SessionCookie([OLD]).value(id);
    expect(new SessionCookie([NEW, OLD]).read(value)).toEqual({ id, current: false });
    expect(new SessionCookie([NEW]).read(value)).toBeUndefined();
  });

  it('refuses a forged MAC and another id under a valid MAC, also after the valid value was read (remembered results are per value)', () => {
    const cookie = new SessionCookie([NEW]);
    const id = cookie.newId();
    const value = cookie.value(id);
    expect(cookie.read(value)?.id).toBe(id);
    expect(cookie.read(tampered(value))).toBeUndefined();
    const other = cookie.newId();
    expect(cookie.read(`${other}${value.slice(id.length)}`)).toBeUndefined();
    expect(cookie.read(value)?.id).toBe(id);
  });

  it('refuses values of the wrong shape', () => {
    const cookie = new SessionCookie([NEW]);
    for (const value of [
      '',
      'abc',
      `${cookie.newId()}`,
      `${cookie.value(cookie.newId())}x`,
      `${cookie.value(cookie.newId())}`.replace('.', ':'),
    ]) {
      expect(cookie.read(value)).toBeUndefined();
    }
  });
});

describe('BoundedMemo', () => {
  it('keeps at most max entries: when full it starts again from empty', () => {
    const memo = new BoundedMemo<number>(3);
    for (const [i, key] of ['a', 'b', 'c'].entries()) memo.set(key, i);
    expect([memo.get('a'), memo.get('b'), memo.get('c')]).toEqual([0, 1, 2]);
    memo.set('d', 3);
    expect([memo.get('a'), memo.get('b'), memo.get('c'), memo.get('d')]).toEqual([undefined, undefined, undefined, 3]);
  });
});
