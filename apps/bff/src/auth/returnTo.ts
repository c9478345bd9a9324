const MAX_LENGTH = 2048;

/**
 * Where to send the browser after sign-in. Only a path on our own origin is accepted; anything
 * else (another origin, `//host`, `/\host`, a scheme, control characters) becomes `/`, so the
 * login endpoint cannot be used as an open redirect (RFC 9700 §4.11).
 */
export function safeReturnTo(raw: unknown, publicUrl: URL): string {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return '/';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f\s\\]/.test(raw)) return '/';
  let url: URL;
  try {
    url = new URL(raw, publicUrl);
  } catch {
    return '/';
  }
  if (url.origin !== publicUrl.origin) return '/';
  // Relative inputs must be absolute paths: "profile" or "../x" are ambiguous, refuse them.
  if (!raw.startsWith('/') && !raw.startsWith(publicUrl.origin + '/')) return '/';
  // Never bounce back into the sign-in machinery itself.
  if (url.pathname.startsWith('/auth/')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Adds or replaces one query parameter of a local path (e.g. `?linked=github`), keeping the rest. */
export function withQueryParam(path: string, key: string, value: string): string {
  const url = new URL(path, 'http://local.invalid');
  url.searchParams.set(key, value);
  return `${url.pathname}${url.search}${url.hash}`;
}
