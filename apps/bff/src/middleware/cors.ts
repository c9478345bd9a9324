import type { Middleware } from 'koa';

const METHODS = 'GET, HEAD, POST, PUT, PATCH, DELETE';
// The request headers the API proxy forwards, so other frontends can send them too.
const HEADERS = 'X-CSRF, Content-Type, Accept, Accept-Language, If-Match, If-None-Match, If-Modified-Since, If-Unmodified-Since';

/**
 * CORS with credentials for the configured frontend origins only; any other origin gets no CORS
 * headers at all, so its scripts can neither read answers nor send credentialed state-changing
 * calls (those need a preflight for X-CSRF, which only allowed origins pass).
 */
export function cors(allowedOrigins: readonly string[]): Middleware {
  const allowed = new Set(allowedOrigins);
  // Not async: a step that only passes on returns the next step's promise, not one of its own.
  return (ctx, next) => {
    const origin = ctx.get('Origin');
    // Nothing before this step varies the answer: set, not merged (the vary package parses the old value).
    if (ctx.res.hasHeader('Vary')) ctx.vary('Origin');
    else ctx.res.setHeader('Vary', 'Origin');
    if (!origin || !allowed.has(origin)) {
      // A preflight from anywhere else: answered, but without any permission in it.
      if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
        ctx.status = 204;
        return Promise.resolve();
      }
      return next();
    }
    ctx.set('Access-Control-Allow-Origin', origin);
    ctx.set('Access-Control-Allow-Credentials', 'true');
    // Other frontends may show it as a reference on their error notices.
    ctx.set('Access-Control-Expose-Headers', 'X-Request-Id, Retry-After');
    if (ctx.method === 'OPTIONS' && ctx.get('Access-Control-Request-Method')) {
      ctx.set('Access-Control-Allow-Methods', METHODS);
      ctx.set('Access-Control-Allow-Headers', HEADERS);
      ctx.set('Access-Control-Max-Age', '600');
      ctx.status = 204;
      return Promise.resolve();
    }
    return next();
  };
}
