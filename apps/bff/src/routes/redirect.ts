import type { Context } from 'koa';

/** Printable ASCII without spaces: what a serialised URL is made of. */
const SERIALISED_URL = /^[!-~]+$/;

/**
 * A 302 to `location` with an empty body. Koa's `ctx.redirect` negotiates an HTML or text body
 * that repeats the URL ("Redirecting to …"), which no browser shows: for the sign-in's redirect
 * to the provider that was 400 bytes of the answer, and the Accept negotiation and HTML escaping
 * around 2 % of a sign-in's CPU. Every location given here is a URL serialised by WHATWG URL (an
 * `href`, or the path, query and fragment of one: safeReturnTo, withQueryParam), so it is already
 * percent-encoded, as Koa's own encoding would make it; anything else, which should never come,
 * goes through Koa's redirect and its encoding all the same.
 */
export function redirect(ctx: Context, location: string): void {
  if (!SERIALISED_URL.test(location)) return ctx.redirect(location);
  ctx.status = 302;
  ctx.set('Location', location);
  ctx.body = '';
}
