import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/** A path that names a file (`/favicon.ico`, `/assets/app.js`): never answered with index.html. */
const FILE_LIKE = /\.[a-z0-9]+$/i;

/**
 * Only a browser navigation gets index.html: it asks for HTML by name. fetch() and curl send
 * `*∕*`, which would also "accept" HTML, and must get the JSON 404 of an unknown route instead.
 */
function isNavigation(accept: string): boolean {
  return accept.includes('text/html');
}

/**
 * Serves the built SPA in production: hashed assets with a long cache life, and index.html for
 * browser navigations to client-side routes (/login, /profile). Mounted only for the paths that
 * the route table does not declare (app.ts), so the BFF's own paths never reach it and never cost
 * a file lookup. File-like paths and requests that do not ask for HTML fall through to the routes,
 * so an unknown one ends as `404 { "error": "not_found" }` from the error handler, never as a 200 page.
 */
export function serveSpa(dir: string): Middleware[] {
  const indexHtml = readFileSync(join(dir, 'index.html'));
  const files = serve(dir, {
    index: false,
    gzip: false,
    brotli: false,
    setHeaders(res, path) {
      res.setHeader('Cache-Control', path.includes('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  }) as Middleware;
  const fallback: Middleware = async (ctx, next) => {
    const candidate = (ctx.method === 'GET' || ctx.method === 'HEAD') && !FILE_LIKE.test(ctx.path) && isNavigation(ctx.get('Accept'));
    await next();
    if (candidate && ctx.body === undefined && ctx.status === 404) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = indexHtml;
    }
  };
  return [fallback, files];
}
