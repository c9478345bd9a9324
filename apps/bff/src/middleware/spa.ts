import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

export interface SpaOptions {
  /** Paths the BFF answers itself (`/auth/`, the API_ROUTES prefixes, health): never the SPA, never a file lookup. */
  isApiPath: (path: string) => boolean;
}

/**
 * Only a browser navigation gets index.html: it asks for HTML by name. fetch() and curl send
 * `*∕*`, which would also "accept" HTML, and must get the JSON 404 of an unknown route instead.
 */
function isNavigation(accept: string): boolean {
  return accept.includes('text/html');
}

/**
 * Serves the built SPA in production: hashed assets with a long cache life, and index.html for
 * browser navigations to client-side routes (/login, /profile). API paths, file-like paths and
 * requests that do not ask for HTML fall through to the routes, so an unknown one ends as
 * `404 { "error": "not_found" }` from the error handler, never as a 200 page.
 */
export function serveSpa(dir: string, options: SpaOptions): Middleware[] {
  const indexHtml = readFileSync(join(dir, 'index.html'));
  const files = serve(dir, {
    index: false,
    gzip: false,
    brotli: false,
    setHeaders(res, path) {
      res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  }) as Middleware;
  const staticFiles: Middleware = (ctx, next) => (options.isApiPath(ctx.path) ? next() : files(ctx, next));
  const fallback: Middleware = async (ctx, next) => {
    const candidate =
      (ctx.method === 'GET' || ctx.method === 'HEAD') &&
      !options.isApiPath(ctx.path) &&
      !/\.[a-z0-9]+$/i.test(ctx.path) &&
      isNavigation(ctx.get('Accept'));
    await next();
    if (candidate && ctx.body === undefined && ctx.status === 404) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = indexHtml;
    }
  };
  return [fallback, staticFiles];
}
