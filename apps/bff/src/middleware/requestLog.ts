import type { Middleware } from 'koa';
import type { AccessLog } from '../logger.js';

/**
 * One line per request, on the access log. Only the path is logged, never the query string (a
 * callback's query holds the authorization code) and never headers (cookies).
 */
export function requestLog(access: AccessLog): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      access({
        requestId: ctx.state.requestId as string,
        method: ctx.method,
        path: ctx.path,
        status: ctx.status,
        ms: Math.round(performance.now() - started),
      });
    }
  };
}
