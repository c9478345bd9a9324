import { randomBytes } from 'node:crypto';

export type Lookup<T> =
  { status: 'valid'; value: T } | { status: 'used'; value: T } | { status: 'expired'; value: T } | { status: 'unknown' };

interface Entry<T> {
  value: T;
  expiresAt: number;
  used: boolean;
}

/**
 * Short-lived, single-use things (pending sign-ins, codes) and tokens, in memory. A used or
 * expired entry is kept for a while so that providers that say "already used" / "expired"
 * (Facebook) can tell those apart from an unknown value.
 */
export class ExpiringStore<T> {
  private readonly entries = new Map<string, Entry<T>>();

  /** `ttlMs` may be Infinity (GitHub OAuth app tokens do not expire). */
  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number,
    private readonly makeId: () => string,
  ) {}

  /** Stores `value` under a new random id and returns the id. */
  add(value: T): string {
    this.prune();
    const id = this.makeId();
    this.entries.set(id, { value, expiresAt: this.now() + this.ttlMs, used: false });
    return id;
  }

  lookup(id: string): Lookup<T> {
    const entry = this.entries.get(id);
    if (!entry) return { status: 'unknown' };
    if (entry.used) return { status: 'used', value: entry.value };
    if (this.now() >= entry.expiresAt) return { status: 'expired', value: entry.value };
    return { status: 'valid', value: entry.value };
  }

  /** The value when valid, else undefined. */
  valid(id: string): T | undefined {
    const found = this.lookup(id);
    return found.status === 'valid' ? found.value : undefined;
  }

  /** RFC 6749 §4.1.2: a code is single-use. */
  markUsed(id: string): void {
    const entry = this.entries.get(id);
    if (entry) entry.used = true;
  }

  delete(id: string): void {
    this.entries.delete(id);
  }

  /** Forgets entries that expired more than one lifetime ago (or an hour, whichever is longer). */
  private prune(): void {
    const horizon = this.now() - Math.max(this.ttlMs, 60 * 60 * 1000);
    for (const [id, entry] of this.entries) if (entry.expiresAt < horizon) this.entries.delete(id);
  }
}

const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random letters and digits (tokens of Facebook and GitHub look like that). */
export function randomAlnum(length: number): string {
  let out = '';
  while (out.length < length) {
    for (const byte of randomBytes(length)) {
      // 248 = 4 × 62: drop the rest so that every character is equally likely.
      if (byte < 248 && out.length < length) out += ALNUM[byte % 62];
    }
  }
  return out;
}

export const randomHex = (bytes: number) => randomBytes(bytes).toString('hex');
export const randomUrlSafe = (bytes: number) => randomBytes(bytes).toString('base64url');
