import type { ServerResponse } from 'node:http';

/**
 * RP-initiated logout by form POST (the BFF's end-session page) is a cross-site POST, which
 * carries the IdP's session cookie only if that cookie is `SameSite=None`, and browsers keep a
 * `SameSite=None` cookie only if it is also `Secure`. oidc-provider (through `cookies`) refuses to
 * set a Secure cookie over plain HTTP, but browsers accept Secure cookies from http://localhost
 * and 127.0.0.1 (loopback counts as a secure context): so this development IdP, which only ever
 * listens on HTTP, adds `Secure` itself to every `SameSite=None` cookie it sends.
 */
export function secureSameSiteNone(res: ServerResponse): void {
  const setHeader = res.setHeader.bind(res);
  res.setHeader = (name, value) => {
    if (name.toLowerCase() !== 'set-cookie') return setHeader(name, value);
    const cookies = (typeof value === 'string' || typeof value === 'number' ? [String(value)] : value).map((cookie) =>
      /;\s*samesite=none/i.test(cookie) && !/;\s*secure(;|$)/i.test(cookie) ? `${cookie}; secure` : cookie,
    );
    return setHeader(name, cookies);
  };
}
