import type { Middleware } from 'koa';

/**
 * One line per request. Only the path is logged, never the query string (a callback's query holds
 * the authorization code) and never headers (cookies).
 */
export function requestLog(): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      ctx.log.info(
        { method: ctx.method, path: ctx.path, status: ctx.status, ms: Math.round(performance.now() - started) },
        'request',
      );
    }
  };
}
