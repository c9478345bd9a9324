import { isLoopbackHost } from '../config/index.js';
import type { IdentityInput } from '../store/types.js';

type Claims = Record<string, unknown>;

function text(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const trimmed = value.trim();
  return trimmed === '' ? null : trimmed.slice(0, 512);
}

/** Some providers send `"true"` / `"false"` strings; anything else means "not said". */
function flag(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return null;
}

/** Only web URLs become an <img src>: https anywhere, http for loopback (dev IdP). */
export function safeImageUrl(value: unknown): string | null {
  const raw = text(value);
  if (!raw || raw.length > 2048) return null;
  try {
    const url = new URL(raw);
    if (url.protocol === 'https:') return url.href;
    if (url.protocol === 'http:' && isLoopbackHost(url.hostname)) return url.href;
  } catch {
    // not a URL
  }
  return null;
}

function displayName(claims: Claims): string | null {
  const name = text(claims.name);
  if (name) return name;
  const parts = [text(claims.given_name), text(claims.family_name)].filter(Boolean);
  if (parts.length) return parts.join(' ');
  return text(claims.preferred_username) ?? text(claims.nickname);
}

/**
 * Whether the (verified) ID token already holds every claim we store: a name, an email with its
 * verification flag, and a picture. Then userinfo could add nothing, and OpenID Connect Core
 * §5.4 lets the claims come from the ID token alone: the sign-in saves a provider round trip.
 * Anything missing, and userinfo is asked (with its `sub` checked against the ID token's).
 */
export function holdsStoredClaims(idToken: Claims): boolean {
  return (
    displayName(idToken) !== null &&
    text(idToken.email) !== null &&
    flag(idToken.email_verified) !== null &&
    (safeImageUrl(idToken.picture) ?? safeImageUrl(idToken.avatar_url)) !== null
  );
}

/**
 * Maps OpenID Connect claims (ID token, then userinfo on top) to our identity. The subject comes
 * from the validated ID token only; userinfo's `sub` has already been checked to be the same.
 */
export function identityFromOidcClaims(provider: string, idToken: Claims, userinfo: Claims | undefined): IdentityInput {
  const merged: Claims = { ...idToken, ...(userinfo ?? {}) };
  const email = text(merged.email);
  return {
    provider,
    subject: String(idToken.sub),
    name: displayName(merged),
    email,
    emailVerified: email ? flag(merged.email_verified) : null,
    // SimpleLogin says avatar_url where the standard says picture.
    avatarUrl: safeImageUrl(merged.picture) ?? safeImageUrl(merged.avatar_url),
  };
}
