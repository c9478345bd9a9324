import { createHmac, hkdfSync, timingSafeEqual } from 'node:crypto';
import { randomToken } from './random.js';
import { BoundedMemo } from '../boundedMemo.js';

/** 32 random bytes: an id nobody can guess, whatever the signature. */
const ID_BYTES = 32;
/** HMAC-SHA256 cut to 128 bits: enough against forgery, and the cookie stays one short value. */
const MAC_BYTES = 16;
const ID_LENGTH = Math.ceil((ID_BYTES * 4) / 3);
const MAC_LENGTH = Math.ceil((MAC_BYTES * 4) / 3);
/** Cookies verified recently: one per live browser, far fewer than this on one instance. */
const VERIFIED_MEMO_SIZE = 10_000;
const WELL_FORMED = new RegExp(`^[A-Za-z0-9_-]{${ID_LENGTH}}\\.[A-Za-z0-9_-]{${MAC_LENGTH}}$`);

/** A session cookie's id, and whether its signature is the first secret's (else it is re-signed). */
export interface ReadCookie {
  id: string;
  current: boolean;
}

/**
 * The session cookie's value: `<id>.<mac>`, one cookie of 66 characters. The id is random (its
 * SHA-256 is the row key, store/sessionId.ts); the MAC, keyed by HKDF from each SESSION_SECRET,
 * turns a forged or guessed value away before any database read, and removing a secret ends every
 * session it signed. The first secret signs; every one verifies, so a new one can be put first.
 */
export class SessionCookie {
  private readonly keys: Buffer[];
  /**
   * Values this instance has verified, with their result: a cookie comes back at every request,
   * and an HMAC measured 10–20 µs (a key object made per call), a seventh of a signed-in
   * `/auth/me`. Only valid values are kept, so forged ones cannot fill it; the keys never change
   * while the process runs, so a result never goes stale.
   */
  private readonly verified = new BoundedMemo<ReadCookie>(VERIFIED_MEMO_SIZE);

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('SessionCookie needs at least one secret');
    this.keys = secrets.map((secret) => Buffer.from(hkdfSync('sha256', secret, 'sso-bff', 'session-cookie hmac-sha256', 32)));
  }

  /** A new session id (not yet signed). */
  newId(): string {
    return randomToken(ID_BYTES);
  }

  /** The cookie value for `id`, signed with the first secret. */
  value(id: string): string {
    return `${id}.${this.mac(this.keys[0]!, id).toString('base64url')}`;
  }

  /** The id of a well-formed value signed by one of the secrets; undefined for anything else. */
  read(value: string): ReadCookie | undefined {
    const known = this.verified.get(value);
    if (known) return known;
    if (!WELL_FORMED.test(value)) return undefined;
    const id = value.slice(0, ID_LENGTH);
    const given = Buffer.from(value.slice(ID_LENGTH + 1), 'base64url');
    for (let i = 0; i < this.keys.length; i += 1) {
      if (timingSafeEqual(given, this.mac(this.keys[i]!, id))) return this.verified.set(value, { id, current: i === 0 });
    }
    return undefined;
  }

  private mac(key: Buffer, id: string): Buffer {
    return createHmac('sha256', key).update(id).digest().subarray(0, MAC_BYTES);
  }
}
