import { createHash, timingSafeEqual } from 'node:crypto';
import { randomToken } from './random.js';
import type { Context } from 'koa';

/**
 * The login-transaction cookie binds a login to the browser that started it: a callback with a
 * valid state but without this cookie (another browser, an attacker's link) is refused. It is
 * SameSite=Lax because it must come back on the provider's top-level redirect to our callback,
 * which a Strict cookie would not. One value serves every login this browser has in flight, so
 * two tabs signing in at once both succeed.
 */
export interface BindingCookieOptions {
  secure: boolean;
  maxAgeSeconds: number;
}

const VALUE = /^[A-Za-z0-9_-]{43}$/;

export function bindingCookieName(secure: boolean): string {
  // __Host- requires Secure, Path=/ and no Domain: the cookie cannot be set by a sibling subdomain.
  return secure ? '__Host-sso.login' : 'sso.login';
}

export function hashBinding(value: string): string {
  return createHash('sha256').update(value).digest('base64url');
}

/** Reads this browser's binding value, if it has a well-formed one. */
export function readBinding(ctx: Context, secure: boolean): string | undefined {
  const value = ctx.cookies.get(bindingCookieName(secure), { signed: false });
  return value && VALUE.test(value) ? value : undefined;
}

/**
 * Returns this browser's binding value, creating it if needed (`fresh`: no login can be bound to
 * it yet), and (re)sets the cookie.
 */
export function ensureBinding(ctx: Context, options: BindingCookieOptions): { value: string; fresh: boolean } {
  const existing = readBinding(ctx, options.secure);
  const value = existing ?? randomToken();
  ctx.cookies.set(bindingCookieName(options.secure), value, {
    httpOnly: true,
    sameSite: 'lax',
    secure: options.secure,
    path: '/',
    maxAge: options.maxAgeSeconds * 1000,
    signed: false,
    overwrite: true,
  });
  return { value, fresh: existing === undefined };
}

/** Removes the binding cookie: once no login of this browser is in flight, it has nothing to bind. */
export function clearBinding(ctx: Context, secure: boolean): void {
  ctx.cookies.set(bindingCookieName(secure), null, { httpOnly: true, sameSite: 'lax', secure, path: '/', signed: false, overwrite: true });
}

/** Constant-time comparison of a cookie value against a stored hash. */
export function bindingMatches(value: string | undefined, expectedHash: string): boolean {
  if (!value) return false;
  const actual = Buffer.from(hashBinding(value));
  const expected = Buffer.from(expectedHash);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
