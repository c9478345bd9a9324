import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Middleware } from 'koa';
import serve from 'koa-static';

/**
 * Serves the built SPA in production: hashed assets with a long cache life, and index.html for
 * every other GET that is not an API path, so that client-side routes (/login, /profile) load.
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
    if ((ctx.method !== 'GET' && ctx.method !== 'HEAD') || ctx.path.startsWith('/auth/') || ctx.path === '/healthz') {
      return next();
    }
    await next();
    if (ctx.body === undefined && ctx.status === 404 && !/\.[a-z0-9]+$/i.test(ctx.path)) {
      ctx.status = 200;
      ctx.type = 'html';
      ctx.set('Cache-Control', 'no-cache');
      ctx.body = indexHtml;
    }
  };
  return [fallback, files];
}
