import { createHash } from 'node:crypto';
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from 'jose';

/**
 * How the hostile provider signs an ID token:
 * - `published`: RS256 with the key its JWKS publishes (what an honest provider does);
 * - `none`: `alg: none`, no signature at all;
 * - `hs256-client-secret`: HS256 keyed with our client secret (the algorithm-confusion attack);
 * - `tampered`: signed with the published key, then one claim changed (a bad signature);
 * - `unpublished-kid`: RS256 with a key whose `kid` the JWKS never lists.
 */
export type Signing = 'published' | 'none' | 'hs256-client-secret' | 'tampered' | 'unpublished-kid';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  jwk: JWK;
}

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');

async function generate(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, jwk: { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' } };
}

/**
 * One RSA key per kid per test process: generating one takes up to a second on a busy machine, and
 * each harness's BFF keeps its own JWKS cache anyway, so harnesses can share them.
 */
const generated = new Map<string, Promise<SigningKey>>();
function newKey(kid: string): Promise<SigningKey> {
  if (!generated.has(kid)) generated.set(kid, generate(kid));
  return generated.get(kid)!;
}

/** The provider's key ring: one published RSA key, replaced by {@link KeyRing.rotate}. */
export class KeyRing {
  private generation = 0;
  private constructor(private current: SigningKey) {}

  static async create(): Promise<KeyRing> {
    return new KeyRing(await newKey('key-0'));
  }

  /** The JWKS document: only the current public key. */
  jwks(): { keys: JWK[] } {
    return { keys: [this.current.jwk] };
  }

  /** An emergency rotation: a new key under a new kid, and the old one withdrawn at once. */
  async rotate(): Promise<string> {
    this.generation += 1;
    this.current = await newKey(`key-${this.generation}`);
    return this.current.kid;
  }

  async sign(claims: Record<string, unknown>, signing: Signing, clientSecret: string): Promise<string> {
    switch (signing) {
      case 'none':
        return `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.`;
      case 'hs256-client-secret':
        return new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(clientSecret));
      case 'unpublished-kid':
        // Never published by anyone.
        return rs256(claims, await newKey('never-published'));
      case 'tampered': {
        const [header, , signature] = (await rs256(claims, this.current)).split('.');
        return `${header}.${b64url({ ...claims, sub: `${String(claims.sub)}-admin` })}.${signature}`;
      }
      case 'published':
        return rs256(claims, this.current);
    }
  }
}

function rs256(claims: Record<string, unknown>, key: SigningKey): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' }).sign(key.privateKey);
}

/** RFC 7636 §4.2: the S256 challenge of a verifier. */
export const s256 = (verifier: string) => createHash('sha256').update(verifier).digest('base64url');
