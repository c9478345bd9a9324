import type { Context, Middleware } from 'koa';
import type { ApiRoute } from '../config/index.js';
import { matchRoute } from '../routes/apiProxy.js';
import type { Metrics } from './metrics.js';

const METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']);

/**
 * The `route` label of a request: always one of a bounded set, never the raw path (which holds
 * ids and whatever a scanner tries). The @koa/router pattern that answered
 * (`/auth/callback/:provider`), the API_ROUTES prefix of a proxied call, `static` for the SPA and
 * its files, else `unmatched`.
 */
export function httpRouteLabel(ctx: Context, apiRoutes: readonly ApiRoute[]): string {
  const matched = (ctx as { _matchedRoute?: unknown })._matchedRoute;
  if (typeof matched === 'string') return matched;
  const proxied = matchRoute(apiRoutes, ctx.path);
  if (proxied) return proxied.prefix;
  // Nothing but the SPA middleware answers an unrouted path with success.
  if (ctx.status < 400 && !ctx.path.startsWith('/auth/')) return 'static';
  return 'unmatched';
}

/** Observes every request with its final status; in app.ts it runs outside the error handler. */
export function httpMetrics(metrics: Metrics, options: { apiRoutes: readonly ApiRoute[] }): Middleware {
  return async (ctx, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      const method = METHODS.has(ctx.method) ? ctx.method : 'other';
      metrics.httpRequest(httpRouteLabel(ctx, options.apiRoutes), method, ctx.status, (performance.now() - started) / 1000);
    }
  };
}
