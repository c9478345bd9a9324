import { createCipheriv, createDecipheriv, createHash, hkdfSync } from 'node:crypto';
import { pooledRandomBytes } from './random.js';

/** One derived key and the id stored with what it sealed (a hash of the key, never the secret). */
interface Key {
  id: string;
  key: Buffer;
}

const VERSION = 'v1';

/**
 * Seals provider tokens for the database: AES-256-GCM with a key derived by HKDF from each
 * SESSION_SECRET, once at start-up. The first secret seals; every one opens, by key id, so a new
 * secret can be put first without ending anyone's session. The caller's additional data (the
 * session's row id) binds a sealed value to its row: copied to another session, it does not open.
 */
export class TokenCipher {
  private readonly keys: Key[];

  constructor(secrets: readonly string[]) {
    if (secrets.length === 0) throw new Error('TokenCipher needs at least one secret');
    this.keys = secrets.map((secret) => {
      const key = Buffer.from(hkdfSync('sha256', secret, 'sso-bff', 'provider-token-encryption aes-256-gcm', 32));
      return { id: createHash('sha256').update(key).digest('base64url').slice(0, 8), key };
    });
  }

  /** `v1.<key id>.<iv>.<ciphertext>.<tag>`, all base64url. */
  seal(plaintext: string, additionalData: string): string {
    const { id, key } = this.keys[0]!;
    // A random 96-bit IV, never handed out twice (random.ts).
    const iv = pooledRandomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    cipher.setAAD(Buffer.from(additionalData));
    const body = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return [VERSION, id, iv.toString('base64url'), body.toString('base64url'), cipher.getAuthTag().toString('base64url')].join('.');
  }

  /** Whether a key that may have sealed `sealed` is configured (its ciphertext is not checked). */
  hasKeyFor(sealed: string): boolean {
    const [version, id] = sealed.split('.', 2);
    return version === VERSION && this.keys.some((k) => k.id === id);
  }

  /** The plaintext, or undefined when the value is malformed, altered, for another row, or sealed by a key no longer configured. */
  open(sealed: string, additionalData: string): string | undefined {
    const [version, id, iv, body, tag, extra] = sealed.split('.');
    if (version !== VERSION || !id || !iv || body === undefined || !tag || extra !== undefined) return undefined;
    const key = this.keys.find((k) => k.id === id);
    if (!key) return undefined;
    try {
      const decipher = createDecipheriv('aes-256-gcm', key.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(additionalData));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    } catch {
      return undefined;
    }
  }
}
