import type { Context } from 'koa';
import type { ApiRoute } from '../config/index.js';
import { isWithinBase } from './path.js';

/**
 * Response headers that come back as they are. Never Set-Cookie: the upstream does not get to set
 * our cookies. Location is rewritten instead ({@link rewriteLocation}).
 */
const FORWARD_RESPONSE = ['content-type', 'cache-control', 'etag', 'last-modified', 'content-language', 'www-authenticate', 'retry-after'];

/**
 * What an answer that is not JSON gets: it is served from our origin, so HTML from an upstream
 * must not run script there (sandbox: an opaque origin, no scripts, no forms), load anything
 * (default-src 'none'), be framed, or be sniffed into something executable.
 */
export const UNTRUSTED_CONTENT_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** application/json and application/<anything>+json (RFC 6839), with or without parameters. */
export function isJsonType(contentType: string | null): boolean {
  return contentType !== null && /^\s*application\/(?:[\w.!#$&^-]+\+)?json\s*(?:;|$)/i.test(contentType);
}

/**
 * The upstream's Location as the browser must see it: a location on the same upstream, under its
 * base, becomes the same place under our prefix (`https://orders/v1/items/2` → `/api/orders/items/2`);
 * anything else (another host, the upstream's other paths, a malformed value) is dropped, so the
 * proxy never redirects a user to where an upstream chose. `requestUrl` is what was called upstream
 * (a relative Location is relative to it).
 */
export function rewriteLocation(location: string, requestUrl: URL, route: ApiRoute): string | undefined {
  let url: URL;
  try {
    url = new URL(location, requestUrl);
  } catch {
    return undefined;
  }
  if (!isWithinBase(url, route.upstream)) return undefined;
  const base = route.upstream.pathname.replace(/\/+$/, '');
  return `${route.prefix}${url.pathname.slice(base.length)}${url.search}${url.hash}`;
}

/** Sets on `ctx` the upstream answer's headers that may reach the browser. */
export function passResponseHeaders(ctx: Context, upstream: Response, requestUrl: URL, route: ApiRoute): void {
  for (const name of FORWARD_RESPONSE) {
    const value = upstream.headers.get(name);
    if (value) ctx.set(name, value);
  }
  ctx.set('Cache-Control', upstream.headers.get('cache-control') ?? 'no-store');
  const location = upstream.headers.get('location');
  const rewritten = location === null ? undefined : rewriteLocation(location, requestUrl, route);
  if (rewritten !== undefined) ctx.set('Location', rewritten);
  // Set on every proxied answer, whatever the pipeline sets elsewhere: this is our origin.
  ctx.set('X-Content-Type-Options', 'nosniff');
  if (!isJsonType(upstream.headers.get('content-type'))) ctx.set('Content-Security-Policy', UNTRUSTED_CONTENT_POLICY);
}
