/** Where the sign-in flow lands when no (safe) `returnTo` was asked for. */
export const DEFAULT_RETURN_TO = '/profile';

// Browsers silently drop tabs and newlines from URLs ("/\t/evil.com" becomes "//evil.com"), so any
// control character is refused outright.
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole purpose
const CONTROL_CHARS = /[\u0000-\u001f\u007f]/;

// Only used to resolve candidates; never navigated to.
const PROBE_ORIGIN = 'https://returnto.invalid';

/**
 * Whether `value` is a path on this site, safe to navigate to after sign-in (no open redirect,
 * OWASP "Unvalidated Redirects and Forwards"): one leading `/`, not `//` (protocol-relative), no
 * backslash (browsers read `/\` as `//`), no control characters, and it must stay on this origin.
 */
export function isSafeLocalPath(value: unknown): value is string {
  if (typeof value !== 'string' || value.length === 0) return false;
  if (!value.startsWith('/') || value.startsWith('//')) return false;
  if (value.includes('\\') || CONTROL_CHARS.test(value)) return false;
  // Belt and braces: let the URL parser (the browser's own rules) confirm the origin stays ours.
  try {
    return new URL(value, PROBE_ORIGIN).origin === PROBE_ORIGIN;
  } catch {
    return false;
  }
}

/** `value` when it is a safe local path, otherwise `fallback` (by default `/profile`). */
export function safeReturnTo(value: string | null | undefined, fallback: string = DEFAULT_RETURN_TO): string {
  return isSafeLocalPath(value) ? value : fallback;
}
