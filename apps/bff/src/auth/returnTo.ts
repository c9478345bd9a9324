const MAX_LENGTH = 2048;

/**
 * Where to send the browser after sign-in. Only a path on our own origin, or a URL on one of the
 * configured frontend origins, is accepted; anything
 * else (another origin, `//host`, `/\host`, a scheme, control characters) becomes `/`, so the
 * login endpoint cannot be used as an open redirect (RFC 9700 §4.11).
 */
export function safeReturnTo(raw: unknown, publicUrl: URL, frontendOrigins: readonly string[] = [], fallback = '/'): string {
  const result = checkReturnTo(raw, publicUrl, frontendOrigins);
  return result ?? fallback;
}

function checkReturnTo(raw: unknown, publicUrl: URL, frontendOrigins: readonly string[]): string | undefined {
  if (typeof raw !== 'string' || raw.length === 0 || raw.length > MAX_LENGTH) return undefined;
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point of this pattern
  if (/[\u0000-\u001f\u007f\s\\]/.test(raw)) return undefined;
  let url: URL;
  try {
    url = new URL(raw, publicUrl);
  } catch {
    return undefined;
  }
  // Another frontend of ours (FRONTEND_ORIGINS): the whole URL, exactly that origin.
  if (url.origin !== publicUrl.origin) {
    return frontendOrigins.includes(url.origin) && raw.startsWith(`${url.origin}/`) ? url.href : undefined;
  }
  // Relative inputs must be absolute paths: "profile" or "../x" are ambiguous, refuse them.
  if (!raw.startsWith('/') && !raw.startsWith(publicUrl.origin + '/')) return undefined;
  // Never bounce back into the sign-in machinery itself.
  if (url.pathname.startsWith('/auth/')) return undefined;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** Adds or replaces one query parameter of a local path or absolute URL (e.g. `?linked=github`). */
export function withQueryParam(target: string, key: string, value: string): string {
  const absolute = /^https?:\/\//.test(target);
  const url = new URL(target, 'http://local.invalid');
  url.searchParams.set(key, value);
  return absolute ? url.href : `${url.pathname}${url.search}${url.hash}`;
}
